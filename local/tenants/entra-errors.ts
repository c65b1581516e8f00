import { randomUUID } from 'node:crypto';

/** An answer shaped as Entra shapes its errors; `code` is the AADSTS number. */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const missing = (parameter: string) =>
  new EntraError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${parameter}'.`,
  );

export const bodyTooLarge = () => new EntraError(400, 'invalid_request', 900144, 'The request body is too large.');

export const unknownTenant = (tenantName: string) =>
  new EntraError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  );

export const unsupportedGrantType = (grantType: string) =>
  new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);

export const unknownClient = (clientId: string, directory: string) =>
  new EntraError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );

export const missingClientSecret = () =>
  new EntraError(
    401,
    'invalid_client',
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );

export const invalidClientSecret = (clientId: string) =>
  new EntraError(
    401,
    'invalid_client',
    7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  );

export const unknownScope = (scope: string) =>
  new EntraError(
    400,
    'invalid_scope',
    70011,
    `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' does not exist.`,
  );

export const notDefaultScope = (scope: string) =>
  new EntraError(
    400,
    'invalid_scope',
    1002012,
    `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  );

export const unknownUser = (tenantId: string) =>
  new EntraError(
    400,
    'invalid_grant',
    50034,
    `The user account {EmailHidden} does not exist in the ${tenantId} directory. To sign into this application, the account must be added to the directory.`,
  );

export const invalidCredentials = () =>
  new EntraError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');

/** A tenant-specific grant asked for at organizations/common, where no tenant can be told from the request. */
export const noTenantInformation = () =>
  new EntraError(
    400,
    'invalid_request',
    50059,
    'No tenant-identifying information found in either the request or implied by any provided credentials.',
  );

// The authorization endpoint's refusals. Those before the redirect URI is trusted are shown on a page; the others
// go back to the app in the redirect, with the same AADSTS shape. Codes and texts follow Entra's where they are
// documented; where Entra's wording varies (90023, 16000) the text says what the simulator checked.

export const unregisteredRedirectUri = (redirectUri: string, clientId: string) =>
  new EntraError(
    400,
    'invalid_request',
    50011,
    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. The simulated single-page app registration has only loopback redirect URIs (http or https on localhost, 127.0.0.1 or [::1]).`,
  );

export const unsupportedResponseType = (responseType: string) =>
  new EntraError(
    400,
    'unsupported_response_type',
    700054,
    `response_type '${responseType}' is not enabled for the application. A single-page app uses the authorization code flow: response_type=code.`,
  );

export const unsupportedResponseMode = (responseMode: string) =>
  new EntraError(
    400,
    'invalid_request',
    900144,
    `The response_mode '${responseMode}' is not supported for a single-page app: use fragment or query.`,
  );

export const pkceRequired = () =>
  new EntraError(
    400,
    'invalid_request',
    9002325,
    'Proof Key for Code Exchange is required for cross-origin authorization code redemption: send code_challenge and code_challenge_method=S256.',
  );

export const invalidPrompt = (prompt: string) =>
  new EntraError(400, 'invalid_request', 90023, `The prompt value '${prompt}' is not supported.`);

export const loginRequired = () =>
  new EntraError(400, 'login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');

export const otherUserSignedIn = () =>
  new EntraError(
    400,
    'interaction_required',
    16000,
    'SelectUserAccount - the user signed in to this browser is not the one the request asked for, or cannot sign in at this authority; the user must choose an account.',
  );

// The token endpoint's refusals of codes and refresh tokens: all invalid_grant, as Entra answers them.

export const codeAlreadyRedeemed = () =>
  new EntraError(
    400,
    'invalid_grant',
    54005,
    'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  );

export const codeExpired = () =>
  new EntraError(
    400,
    'invalid_grant',
    70008,
    'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  );

export const malformedGrant = () =>
  new EntraError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');

export const verifierMismatch = () =>
  new EntraError(
    400,
    'invalid_grant',
    501481,
    'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  );

export const redirectUriMismatch = () =>
  new EntraError(
    400,
    'invalid_grant',
    500112,
    'The reply address does not match the reply address provided when requesting Authorization code.',
  );

export const codeForOtherTenant = () =>
  new EntraError(
    400,
    'invalid_grant',
    700005,
    'Provided Authorization Code is intended to use against other tenant, thus rejected.',
  );

export const spaRefreshTokenExpired = () =>
  new EntraError(
    400,
    'invalid_grant',
    700084,
    'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.',
  );

export const crossOriginRequired = () =>
  new EntraError(
    400,
    'invalid_request',
    9002327,
    "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  );

export function entraErrorBody(error: EntraError, correlationId: string, nowMs: number, authorityHost: string) {
  const traceId = randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${authorityHost}/error?code=${error.code}`,
  };
}
