import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, setGlobalDispatcher } from 'undici';

const trusted = new Set<string>();
let installed: Dispatcher | undefined;

/**
 * Makes this process's global `fetch` trust the local certificate authority as well as the public roots, so the
 * real msal-node, jose and the Graph client reach the local stand-ins over verified TLS. Node's built-in fetch
 * (undici 6 inside Node 20) reads the same global dispatcher slot that undici 7 writes, so this covers both.
 * TLS checks stay on: a certificate that chains to neither is still refused. Replaces any global dispatcher
 * set earlier; calling it again with another CA trusts both.
 */
export function trustLocalCertificateAuthority(caPem: string): void {
  if (!caPem.includes('BEGIN CERTIFICATE')) throw new Error('trustLocalCertificateAuthority needs a PEM certificate');
  trusted.add(caPem);
  const previous = installed;
  installed = new Agent({ connect: { ca: [...rootCertificates, ...trusted] } });
  setGlobalDispatcher(installed);
  // Lets requests already under way on the previous agent finish, then frees its sockets.
  void previous?.close().catch(() => undefined);
}
