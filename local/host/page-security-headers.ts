/** The hosts that frame a Teams tab: Teams itself, and the Microsoft 365 apps that run Teams tabs. */
const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office.com',
];

/**
 * Headers for the app's pages: scripts only from the app's own origin, network calls only to it and the sign-in
 * authority, and framing by Teams and nothing else.
 */
export function pageSecurityHeaders(connectTo: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connectTo.join(' ')}`.trim(),
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
