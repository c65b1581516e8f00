/**
 * The hosts that frame a Teams tab, as Microsoft lists them: Teams, the Microsoft 365 app and Outlook, on their
 * current domains and on *.cloud.microsoft where they are moving. One list for the local host and Azure alike.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://*.skype.com',
];

type PolicyOptions = {
  /** Origins the page may call besides its own. */
  connectTo: readonly string[];
  /** Fluent UI writes its styles at run time: the tab needs inline styles (scripts stay its own only). */
  inlineStyles?: boolean;
  /** The one origin the page may frame: the sign-in authority, whose hidden frame MSAL.js renews a session in. */
  frameSrc?: string;
};

/** Scripts only from the page's own origin, network calls only to it and `connectTo`, framing by Teams only. */
export function contentSecurityPolicy({ connectTo, inlineStyles = false, frameSrc }: PolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connectTo.join(' ')}`.trim(),
    ...(frameSrc ? [`frame-src ${frameSrc}`] : []),
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The tab's policy, served by the local host and written into the Azure Static Web App's configuration: calls to
 * the API (when it is on another origin), Microsoft's CDN (teams-js reads the valid Teams origins there) and the
 * sign-in authority, which it may also frame.
 */
export function tabContentSecurityPolicy(authority: string, apiOrigin?: string): string {
  const connectTo = [...(apiOrigin ? [apiOrigin] : []), 'https://res.cdn.office.net', authority];
  return contentSecurityPolicy({ connectTo, inlineStyles: true, frameSrc: authority });
}

/** Headers for the app's pages, under `contentSecurityPolicy` unless a page gives its own policy. */
export function pageSecurityHeaders(
  connectTo: readonly string[],
  policy = contentSecurityPolicy({ connectTo }),
): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
