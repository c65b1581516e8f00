import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export type LocalCertificates = {
  /** PEM of the local certificate authority, for clients to trust. */
  caCertFile: string;
  ca: string;
  /** Server certificate for 127.0.0.1 and localhost, signed by the local CA. */
  cert: string;
  key: string;
};

const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * A certificate authority made on first run and kept in a git-ignored folder, plus a server certificate it
 * signs for the loopback names. Local stand-ins serve TLS with it, so the real SDKs check certificates as they
 * do in Azure, and nothing has to switch TLS checks off.
 */
export async function ensureLocalCertificates(folder: string): Promise<LocalCertificates> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const paths = {
    caCert: join(folder, 'ca.pem'),
    caKey: join(folder, 'ca-key.pem'),
    cert: join(folder, 'localhost.pem'),
    key: join(folder, 'localhost-key.pem'),
  };
  if (!isValid(paths.caCert)) {
    const ca = await generate([{ name: 'commonName', value: 'ICT Partnership Hub local CA' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    writeFileSync(paths.caCert, ca.cert);
    writeFileSync(paths.caKey, ca.private, { mode: 0o600 });
    writeFileSync(paths.cert, '');
  }
  const caCert = readFileSync(paths.caCert, 'utf8');
  if (!isValid(paths.cert)) {
    const server = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
      ca: { cert: caCert, key: readFileSync(paths.caKey, 'utf8') },
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    writeFileSync(paths.cert, server.cert);
    writeFileSync(paths.key, server.private, { mode: 0o600 });
  }
  return {
    caCertFile: paths.caCert,
    ca: caCert,
    cert: readFileSync(paths.cert, 'utf8'),
    key: readFileSync(paths.key, 'utf8'),
  };
}

function isValid(certFile: string): boolean {
  if (!existsSync(certFile)) return false;
  const pem = readFileSync(certFile, 'utf8');
  if (!pem.includes('BEGIN CERTIFICATE')) return false;
  return new Date(new X509Certificate(pem).validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
}
