import { decodeProtectedHeader, jwtVerify } from 'jose';
import { unauthenticated } from '../errors';
import { type BotFrameworkKey, BotFrameworkKeys } from './bot-framework-keys';

/** The issuer of every token the Bot Connector service sends to bots, in every channel. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** A Bot Framework token that verified: the service URL it vouches for, and the channels its key may sign for. */
export type VerifiedBotFrameworkToken = {
  serviceUrl: string;
  endorsements: readonly string[] | undefined;
};

export type BotFrameworkTokenVerifierOptions = {
  /** The bot's Microsoft App ID: the only audience accepted. */
  appId: string;
  openIdMetadataUrl: string;
  /** The Bot Framework documents five minutes of clock skew. */
  clockToleranceSeconds?: number;
  refetchCooldownMs?: number;
  now?: () => number;
};

const JWT = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Verifies the JWT the Bot Connector service puts on every request to the bot, as "Authentication with the Bot
 * Connector API" requires: RS256 signature by a key the Bot Framework OpenID metadata names, issuer
 * https://api.botframework.com, audience the bot's app id, expiry and not-before with five minutes of skew, and a
 * `serviceurl` claim, which `bindsActivity` then compares with the activity. Tokens issued by Microsoft Entra ID
 * (the Emulator, other bots and agents) are not accepted: Teams reaches the bot only through the Bot Connector.
 * Every failure is the same 401, so a caller learns nothing.
 */
export class BotFrameworkTokenVerifier {
  private readonly keys: BotFrameworkKeys;

  constructor(private readonly options: BotFrameworkTokenVerifierOptions) {
    this.keys = new BotFrameworkKeys({
      metadataUrl: options.openIdMetadataUrl,
      ...(options.refetchCooldownMs === undefined ? {} : { refetchCooldownMs: options.refetchCooldownMs }),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  async verify(authorization: string | null | undefined): Promise<VerifiedBotFrameworkToken> {
    const token = JWT.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Sign-in is required.');
    try {
      const { kid, alg } = decodeProtectedHeader(token);
      if (alg !== 'RS256' || !kid) throw new Error('header');
      const signingKey = await this.keys.find(kid);
      if (!signingKey) throw new Error('unknown key');
      const now = this.options.now?.() ?? Date.now();
      const { payload } = await jwtVerify(token, signingKey.key, {
        issuer: BOT_FRAMEWORK_ISSUER,
        audience: this.options.appId,
        algorithms: ['RS256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 300,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'nbf', 'serviceurl'],
      });
      if (typeof payload.serviceurl !== 'string') throw new Error('serviceurl');
      return verified(payload.serviceurl, signingKey);
    } catch {
      throw unauthenticated('The access token is not valid.');
    }
  }
}

function verified(serviceUrl: string, key: BotFrameworkKey): VerifiedBotFrameworkToken {
  return Object.freeze({ serviceUrl, endorsements: key.endorsements });
}

/**
 * Whether a verified token vouches for this activity: its `serviceurl` claim is the activity's service URL (the
 * bot will send its replies there), and its key is endorsed for the activity's channel when the key names any.
 */
export function bindsActivity(
  token: VerifiedBotFrameworkToken,
  activity: { serviceUrl: string; channelId: string },
): boolean {
  if (!sameServiceUrl(token.serviceUrl, activity.serviceUrl)) return false;
  return token.endorsements === undefined || token.endorsements.includes(activity.channelId);
}

/** Service URLs compare as the Bot Connector writes them, with or without the trailing slash. */
function sameServiceUrl(claim: string, activityUrl: string): boolean {
  if (!URL.canParse(claim) || !URL.canParse(activityUrl)) return false;
  // URL lower-cases the scheme and host; the path is compared as it is.
  const normal = (url: string) => new URL(url).href.replace(/\/+$/, '');
  return normal(claim) === normal(activityUrl);
}
