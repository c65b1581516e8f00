import { importJWK, type JWK } from 'jose';
import { z } from 'zod';

/** A Bot Framework signing key, with the channels it may sign for (its `endorsements`, e.g. "msteams"). */
export type BotFrameworkKey = { key: CryptoKey | Uint8Array; endorsements: readonly string[] | undefined };

export type BotFrameworkKeysOptions = {
  /** The Bot Framework OpenID metadata document; its `jwks_uri` names the keys. */
  metadataUrl: string;
  /** How long after a fetch an unknown key id waits before the keys are fetched again. */
  refetchCooldownMs?: number;
  /** How long fetched keys are used before they are fetched again anyway. */
  maxAgeMs?: number;
  now?: () => number;
};

const metadataDocument = z.object({ jwks_uri: z.url().startsWith('https://') });
const keySet = z.object({
  keys: z.array(
    z.looseObject({
      kty: z.string(),
      kid: z.string().min(1).optional(),
      use: z.string().optional(),
      n: z.string().optional(),
      e: z.string().optional(),
      endorsements: z.array(z.string()).optional(),
    }),
  ),
});

const FETCH_TIMEOUT_MS = 5_000;

/**
 * The keys the Bot Connector signs its requests with, read from its OpenID metadata and JWKS. jose's remote key set
 * is not used because it drops the keys' `endorsements`, which say which channels a key may vouch for. Keys are
 * cached (a day by default: Microsoft rotates them rarely and publishes new ones ahead), fetched again at once for
 * an unknown key id unless a fetch happened within the cooldown, so a flood of forged key ids costs one fetch at
 * most every cooldown. One fetch at a time; a failed fetch keeps the keys already known.
 */
export class BotFrameworkKeys {
  private keys = new Map<string, BotFrameworkKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: BotFrameworkKeysOptions) {}

  async find(kid: string): Promise<BotFrameworkKey | undefined> {
    const { refetchCooldownMs = 30_000, maxAgeMs = 24 * 3_600_000 } = this.options;
    // A request that arrives while the keys are being fetched waits for them rather than finding none.
    if (this.loading) await this.loading;
    if (this.now() - this.fetchedAt > maxAgeMs) await this.refresh();
    const known = this.keys.get(kid);
    if (known || this.now() - this.fetchedAt < refetchCooldownMs) return known;
    await this.refresh();
    return this.keys.get(kid);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    this.fetchedAt = this.now();
    try {
      const metadata = metadataDocument.parse(await getJson(this.options.metadataUrl));
      const { keys } = keySet.parse(await getJson(metadata.jwks_uri));
      const next = new Map<string, BotFrameworkKey>();
      for (const jwk of keys) {
        if (jwk.kty !== 'RSA' || !jwk.kid || !jwk.n || !jwk.e || (jwk.use && jwk.use !== 'sig')) continue;
        const key = await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e } as JWK, 'RS256');
        next.set(jwk.kid, { key, endorsements: jwk.endorsements });
      }
      this.keys = next;
    } catch (error) {
      console.warn(`[bot] could not read the Bot Framework signing keys: ${(error as Error).message}`);
    }
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
