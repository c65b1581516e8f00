// Stands in for the module the Azure Functions host injects, recording what the bundled app registers.
const registered = [];
module.exports = {
  setProgrammingModel() {},
  getProgrammingModel() {},
  registerHook() {
    return { dispose() {} };
  },
  registerFunction(metadata) {
    registered.push(metadata);
    return { dispose() {} };
  },
  log() {},
  registered,
};
