// Runs Azurite inside a child that exits as soon as its parent goes, even if the parent is killed outright:
// the IPC channel closes with the parent and takes this process with it, so no Azurite is left orphaned.
process.on('disconnect', () => process.exit(0));
process.argv = [process.argv[0], 'azurite', ...process.argv.slice(2)];
require('azurite/dist/src/azurite.js');
