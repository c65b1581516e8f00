import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { LocalCertificates } from './local-certificates';

/** The Cosmos DB emulator's published key; the stand-in accepts any key, and it is no secret. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export type RunningCosmos = { endpoint: string; close(): Promise<void> };

/**
 * A Cosmos DB-compatible server in this process, over TLS with the local certificates. Keep-alive matters:
 * without it every request pays a TLS handshake. Data lives in memory and goes when the process stops.
 */
export async function startCosmosStandIn(certificates: LocalCertificates, port = 0): Promise<RunningCosmos> {
  const server = createHttpsServer({ cert: certificates.cert, key: certificates.key, keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${actualPort}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
