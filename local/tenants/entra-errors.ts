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
