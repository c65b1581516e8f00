import { createHash, generateKeyPair, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** A published RSA signing key, as a JWKS lists it. */
export type PublicSigningKey = { kty: 'RSA'; use: 'sig'; alg: 'RS256'; kid: string; n: string; e: string };

export type SigningKey = { kid: string; privateKey: KeyObject; publicJwk: PublicSigningKey };

const RSA = { modulusLength: 2048 } as const;

/**
 * One tenant's token signing keys, rotated the way Entra rotates them: a new key becomes current while the
 * previous ones stay published, so tokens signed before a rotation still validate until they expire, and an old
 * key leaves the JWKS only when retired. Keys live in memory: every start of the simulator makes new ones.
 */
export class SigningKeyRing {
  /** Current key first, then the previous ones still honoured, newest first. */
  private keys: SigningKey[];

  private constructor(first: SigningKey) {
    this.keys = [first];
  }

  /** Makes the first key off the main thread (about 150 ms of CPU each), so many tenants start in parallel. */
  static async create(): Promise<SigningKeyRing> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', RSA);
    return new SigningKeyRing(signingKey(privateKey, publicKey));
  }

  current(): SigningKey {
    return this.keys[0] as SigningKey;
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  jwks(): { keys: PublicSigningKey[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** Makes a new current key and returns its kid; the previous key stays published. Synchronous: it is rare. */
  rotate(): string {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', RSA);
    const key = signingKey(privateKey, publicKey);
    this.keys.unshift(key);
    return key.kid;
  }

  /** Drops an old key from the JWKS: tokens it signed stop validating. The current key cannot be retired. */
  retire(kid: string): void {
    if (kid === this.current().kid) throw new Error(`Key ${kid} is the current signing key: rotate before retiring it`);
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }
}

function signingKey(privateKey: KeyObject, publicKey: KeyObject): SigningKey {
  const jwk = publicKey.export({ format: 'jwk' }) as JsonWebKey;
  // Entra's kid is the base64url SHA-1 thumbprint of the key's certificate; the public key's stands in for it.
  const kid = createHash('sha1')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url');
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: String(jwk.n), e: String(jwk.e) },
  };
}
