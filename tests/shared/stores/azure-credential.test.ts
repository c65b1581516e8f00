import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings, type Settings } from '../../../shared/config/settings';
import { createRuntime } from '../../../shared/runtime';
import { createBlobServiceClient } from '../../../shared/stores/blob/blob-client';
import { createCosmosClient } from '../../../shared/stores/cosmos/cosmos-client';
import { IDENTITY_CLIENT_ID, production } from '../config/settings-fixtures';

/**
 * The app in its production configuration, on a machine that plays the App Service managed identity endpoint
 * (IDENTITY_ENDPOINT and IDENTITY_HEADER, as Azure Functions sets them): which tokens it asks for, for which
 * identity, before it reaches Cosmos DB or Storage. The Azure hosts themselves are not reached from a test.
 */
const IDENTITY_HEADER = 'identity-header-of-this-test';
const tokenRequests: URL[] = [];
let server: Server;
let settings: Settings;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    if (request.headers['x-identity-header'] !== IDENTITY_HEADER) {
      response.writeHead(401).end();
      return;
    }
    tokenRequests.push(new URL(request.url ?? '/', 'http://identity.test'));
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ access_token: 'managed-identity-token', expires_on: `${expiresOn}`, token_type: 'Bearer' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  process.env.IDENTITY_HEADER = IDENTITY_HEADER;
  settings = loadSettings(production);
});

afterAll(() => {
  server.close();
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
});

/** Starts a call, waits until the identity endpoint was asked for a token for `resource`, then abandons the call. */
async function tokenAskedFor(resource: string, call: (signal: AbortSignal) => Promise<unknown>): Promise<URL> {
  const abort = new AbortController();
  // Abandoned, not awaited: the Azure SDKs retry an unreachable host for a while after the abort.
  call(abort.signal).catch(() => undefined);
  try {
    await expect.poll(() => tokenRequests.find((url) => url.searchParams.get('resource') === resource)).toBeDefined();
    return tokenRequests.find((url) => url.searchParams.get('resource') === resource) as URL;
  } finally {
    abort.abort();
  }
}

describe('production signs in to Azure with its user-assigned managed identity', () => {
  it('has no key to sign in with', () => {
    expect(settings.cosmos.key).toBeUndefined();
    expect(settings.storage.kind).toBe('identity');
    expect(() => createRuntime(settings)).not.toThrow();
  });

  it('asks the managed identity endpoint for a Cosmos DB token for its own client id', async () => {
    const cosmos = createCosmosClient(settings);
    const request = await tokenAskedFor('https://hub.documents.azure.com', (abortSignal) =>
      cosmos.database(settings.cosmos.database).read({ abortSignal }),
    );
    expect(request.searchParams.get('client_id')).toBe(IDENTITY_CLIENT_ID);
    cosmos.dispose();
  });

  it('asks for a Storage token for the same identity to reach blobs', async () => {
    const blobs = createBlobServiceClient(settings);
    const request = await tokenAskedFor('https://storage.azure.com', (abortSignal) =>
      blobs.getProperties({ abortSignal }),
    );
    expect(request.searchParams.get('client_id')).toBe(IDENTITY_CLIENT_ID);
  });
});
