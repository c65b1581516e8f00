import { SignJWT } from 'jose';
import { SigningKeyRing } from '../signing-keys';

/** What the Bot Connector names as the issuer of its tokens. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

const LIFETIME_SECONDS = 3600;

/** The channels a Bot Connector key vouches for, as `endorsements` in its JWKS. */
const ENDORSEMENTS = ['msteams'];

/**
 * The Bot Connector's signing side: keys published as Bot Framework publishes them (a JWKS named by OpenID
 * metadata, each key with its endorsements), and tokens for the bot signed with them, with the claims the Bot
 * Connector puts on every request: issuer https://api.botframework.com, the bot's app id as audience, and the
 * service URL the bot must answer at.
 */
export class BotFrameworkSigner {
  private readonly ring: Promise<SigningKeyRing>;

  constructor(
    private readonly botAppId: string,
    private readonly now: () => number,
  ) {
    this.ring = SigningKeyRing.create();
  }

  openIdConfiguration(baseUrl: string) {
    return {
      issuer: BOT_FRAMEWORK_ISSUER,
      authorization_endpoint: `${baseUrl}/v1/.well-known/authorize`,
      jwks_uri: `${baseUrl}/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    };
  }

  async jwks() {
    const { keys } = (await this.ring).jwks();
    return { keys: keys.map((key) => ({ ...key, endorsements: ENDORSEMENTS })) };
  }

  /** A token for one request to the bot, naming the service URL of the activity it carries. */
  tokenFor(serviceUrl: string): Promise<string> {
    const nbf = Math.floor(this.now() / 1000);
    return this.sign({
      iss: BOT_FRAMEWORK_ISSUER,
      aud: this.botAppId,
      serviceurl: serviceUrl,
      nbf,
      exp: nbf + LIFETIME_SECONDS,
    });
  }

  /** Signs any claims with the current key, or the one named: for tests that need a wrong token. */
  async sign(claims: Record<string, unknown>, kid?: string): Promise<string> {
    const ring = await this.ring;
    const key = kid === undefined ? ring.current() : ring.find(kid);
    if (!key) throw new Error(`The Bot Connector stand-in has no key ${kid}`);
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  async rotate(): Promise<string> {
    return (await this.ring).rotate();
  }
}
