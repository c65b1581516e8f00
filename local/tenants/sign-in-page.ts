import type { DemoUser, SimulatedTenant } from './demo-users';

export type SignInPageInput = {
  /** Where the form posts: the authorization endpoint the browser is on. */
  action: string;
  /** The authorization request's parameters, carried through the form so the POST can re-validate them. */
  parameters: [string, string][];
  /** The users to offer, by tenant; one tenant for a tenant's own authority, every tenant for organizations/common. */
  tenants: SimulatedTenant[];
  /** The app's `login_hint`: that user is offered first and has the focus. */
  loginHint?: string;
  /** Shown above the users, e.g. why a choice was refused. */
  alert?: string;
};

export type ErrorPageInput = { code: number; error: string; message: string; correlationId: string; timestamp: string };

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #1b1a19; }
  main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 4px; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { margin: 0 0 .5rem; }
  button { display: block; width: 100%; text-align: left; font: inherit; padding: .6rem .8rem; cursor: pointer;
    background: #fff; color: inherit; border: 1px solid #8a8886; border-radius: 4px; }
  button:hover { background: #f3f2f1; }
  button:focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
  .name { font-weight: 600; display: block; }
  .detail { display: block; color: #484644; font-size: .9rem; }
  .note { color: #484644; }
  [role=alert] { border-left: 4px solid #c50f1f; padding: .5rem .8rem; background: #fdf3f4; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; font-size: .9rem; }
  dd { margin: 0; word-break: break-all; }
`;

/**
 * The simulator's sign-in page: one button per demo user, no password. Every button submits the same form, with
 * the chosen user as `username` and the app's original request in hidden fields. No script at all, so the page
 * works under a CSP that allows nothing but its inline style.
 */
export function signInPage(input: SignInPageInput): string {
  const hint = input.loginHint?.toLowerCase();
  const isHinted = (user: DemoUser) => hint !== undefined && user.userPrincipalName.toLowerCase() === hint;
  const groups = input.tenants
    .filter((tenant) => tenant.users.length > 0)
    .map((tenant) => ({ tenant, users: [...tenant.users].sort((a, b) => Number(isHinted(b)) - Number(isHinted(a))) }))
    .sort((a, b) => Number(b.users.some(isHinted)) - Number(a.users.some(isHinted)));
  const single = input.tenants.length === 1 ? input.tenants[0] : undefined;
  const hidden = input.parameters
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const sections = groups
    .map(({ tenant, users }, index) => {
      const headingId = `tenant-${index}`;
      const buttons = users
        .map((user) => {
          const hinted = isHinted(user);
          return `<li><button type="submit" name="username" value="${escapeHtml(user.userPrincipalName)}"${hinted ? ' autofocus' : ''}>
            <span class="name">${escapeHtml(user.displayName)}${hinted ? ' (suggested by the app)' : ''}</span>
            <span class="detail">${escapeHtml(user.userPrincipalName)}</span>
            <span class="detail">${escapeHtml(tenant.displayName)}</span>
          </button></li>`;
        })
        .join('\n          ');
      return `<section aria-labelledby="${headingId}">
        <h2 id="${headingId}">${escapeHtml(tenant.displayName)}</h2>
        <ul>
          ${buttons}
        </ul>
      </section>`;
    })
    .join('\n      ');
  const where = single ? escapeHtml(single.displayName) : 'your council';
  return page(
    `Sign in to ${where} (tenant simulator)`,
    `<h1>Sign in</h1>
    <p class="note">This is the local tenant simulator, not Microsoft Entra ID. Choose a demo user of ${where}; there is no password.</p>
    ${input.alert ? `<p role="alert">${escapeHtml(input.alert)}</p>` : ''}
    <form method="post" action="${escapeHtml(input.action)}">
      ${hidden}
      ${sections || '<p>This directory has no demo users.</p>'}
    </form>`,
  );
}

/** Shown instead of redirecting when the app or its redirect URI cannot be trusted with the answer. */
export function errorPage(input: ErrorPageInput): string {
  return page(
    'Sign-in failed (tenant simulator)',
    `<h1>Sign-in failed</h1>
    <p role="alert">AADSTS${input.code}: ${escapeHtml(input.message)}</p>
    <dl>
      <dt>Error</dt><dd>${escapeHtml(input.error)}</dd>
      <dt>Correlation ID</dt><dd>${escapeHtml(input.correlationId)}</dd>
      <dt>Timestamp</dt><dd>${escapeHtml(input.timestamp)}</dd>
    </dl>
    <p class="note">This is the local tenant simulator, not Microsoft Entra ID.</p>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Signed out (tenant simulator)',
    `<h1>Signed out</h1>
    <p>You have signed out of the local tenant simulator. You can close this window.</p>`,
  );
}

/**
 * Headers of every page: a CSP that allows only the inline style and, for the sign-in form, posting to the
 * simulator and following its redirect to the app (browsers apply form-action to the redirect after a POST).
 * Pages may not be framed; the silent sign-in in an iframe never gets a page, only redirects.
 */
export function pageHeaders(formActionOrigins: string[] = []): Record<string, string> {
  const formAction = formActionOrigins.length > 0 ? `'self' ${formActionOrigins.join(' ')}` : "'none'";
  return {
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    ${content}
  </main>
</body>
</html>
`;
}
