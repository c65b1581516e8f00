/*
 * The Teams side of @microsoft/teams-js 2.x's postMessage protocol, as much of it as the tab uses.
 *
 * The tab (teams-js, in the iframe) posts requests to its parent:
 *   { id: <number>, uuidAsString: <string>, func: <name>, args: [...], apiVersionTag, timestamp, ... }
 * and the host answers a request by posting back to the frame
 *   { id: <same id>, uuidAsString: <same uuid>, args: [...] }
 * (teams-js matches the answer to the request by uuid, falling back to id). Events from the host are
 *   { func: <event name>, args: [...] }   (no numeric id, or teams-js takes them for answers).
 *
 * Answers used here (node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src):
 *   initialize                   -> [frameContext, hostClientType, runtimeConfig (JSON text), host SDK version]
 *                                   (internal/communication.js initializeCommunication, internal/appHelpers.js)
 *   getContext                   -> [legacy context: theme, userPrincipalName, tid, ...] (public/app/app.js)
 *   authentication.getAuthToken  -> [true, token] or [false, reason]                       (public/authentication.js)
 * Events sent: themeChange ['default' | 'dark' | 'contrast'] (internal/handlers.js).
 *
 * teams-js accepts messages only from an https origin on its list of Teams hosts (internal/validOrigins.js); the
 * test serves this page at https://teams.microsoft.com through Playwright's routing. The host, like Teams, posts
 * only to the tab's own origin and accepts messages only from the tab's frame and origin.
 */
(() => {
  const frame = document.getElementById('tab');
  const log = [];
  const state = { config: null, tabOrigin: null, theme: 'default', tokensIssued: 0 };

  function send(message) {
    frame.contentWindow.postMessage(message, state.tabOrigin);
  }

  function answer(request, args) {
    send({ id: request.id, uuidAsString: request.uuidAsString, args });
  }

  function legacyContext() {
    const user = state.config.user;
    return {
      theme: state.theme,
      locale: 'en-gb',
      entityId: 'ict-hub-status',
      frameContext: 'content',
      hostClientType: 'web',
      hostName: 'Teams',
      appSessionId: 'test-app-session',
      sessionId: 'test-host-session',
      userObjectId: user.id,
      userPrincipalName: user.userPrincipalName,
      userDisplayName: user.displayName,
      loginHint: user.userPrincipalName,
      tid: user.tenantId,
    };
  }

  const handlers = {
    initialize: (request) =>
      answer(request, [
        'content',
        'web',
        JSON.stringify({ apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { config: {} }, teamsCore: {} } }),
        '2.58.0',
      ]),
    getContext: (request) => answer(request, [legacyContext()]),
    'authentication.getAuthToken': (request) => {
      if (!state.config.token) {
        answer(request, [false, 'resourceRequiresConsent']);
        return;
      }
      state.tokensIssued += 1;
      answer(request, [true, state.config.token]);
    },
  };

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== state.tabOrigin) return;
    const request = event.data;
    if (!request || typeof request !== 'object' || typeof request.func !== 'string') return;
    log.push({ func: request.func, args: request.args, at: Math.round(performance.now()) });
    handlers[request.func]?.(request);
  });

  window.teamsHost = {
    messages: () => log.map((entry) => ({ ...entry })),
    tokensIssued: () => state.tokensIssued,
    /** Switches the Teams theme, as a user does in Teams' settings; the tab hears a themeChange event. */
    setTheme(theme) {
      state.theme = theme;
      document.getElementById('host-theme').textContent = theme;
      send({ func: 'themeChange', args: [theme] });
    },
  };

  fetch('config.json')
    .then((response) => response.json())
    .then((config) => {
      state.config = config;
      state.theme = config.theme ?? 'default';
      state.tabOrigin = new URL(config.tabUrl).origin;
      document.getElementById('host-theme').textContent = state.theme;
      frame.src = config.tabUrl;
    });
})();
