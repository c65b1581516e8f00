import { randomBytes, randomUUID } from 'node:crypto';
import type { Authorities, Authority } from './authorities';
import { type AuthorizationCodes, isS256Challenge } from './authorization-codes';
import {
  EntraError,
  entraErrorBody,
  invalidPrompt,
  loginRequired,
  missing,
  otherUserSignedIn,
  pkceRequired,
  unknownClient,
  unregisteredRedirectUri,
  unsupportedResponseMode,
  unsupportedResponseType,
} from './entra-errors';
import { html, type Reply, redirect, type SimulatorRequest } from './http-reply';
import { pageHeaders, signedOutPage, signInPage } from './sign-in-page';
import { checkUserScopes, clientInfo } from './token-issuer';

export type AuthorizeEndpointOptions = {
  authorities: Authorities;
  codes: AuthorizationCodes;
  api: { appIdUri: string };
  /** The single-page app registrations that may sign users in here. */
  publicClientIds: string[];
  now: () => number;
  authorityHost: () => string;
};

type ResponseMode = 'query' | 'fragment';

/** The app and the redirect URI it asked for, once both are known to be registered: answers may go there. */
type TrustedClient = { clientId: string; redirectUri: string; responseMode: ResponseMode; state: string | null };

const PROMPTS = ['none', 'login', 'select_account', 'consent'];

/**
 * The browser half of Entra's authorization code flow for a single-page app (what MSAL.js drives): the
 * authorization endpoint with its sign-in page, silent sign-in (prompt=none) from the session cookie, and logout.
 * A request whose app or redirect URI is not registered gets an error page and is never redirected, as Entra
 * does, so nothing leaks to an unknown address; every later refusal goes back to the app in the OAuth way.
 */
export class AuthorizeEndpoint {
  /** Browser sessions: an opaque cookie value names the signed-in user. In memory, gone on restart. */
  private readonly sessions = new Map<string, string>();

  constructor(private readonly options: AuthorizeEndpointOptions) {}

  /**
   * GET with the app's query, or POST: the sign-in page's form (the original parameters plus `username`), or
   * msal's own POST to the authorization endpoint (the same parameters as a form body, without `username`).
   */
  authorize(authority: Authority, request: SimulatorRequest): Reply {
    const params = request.method === 'POST' ? request.form : request.url.searchParams;
    const client = this.trustedClient(authority, params);
    try {
      const scopes = checkedRequest(params, this.options.api.appIdUri);
      const username = request.method === 'POST' ? params.get('username') : null;
      if (username) return this.signIn(authority, request, params, client, scopes, username);
      const prompt = params.get('prompt');
      if (prompt === 'none') return this.silentSignIn(authority, request, params, client, scopes);
      return this.page(request, params, client, authority);
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      return redirect(this.answerUrl(client, this.errorAnswer(error, params)));
    }
  }

  /** Ends the browser session and goes back to the app if it named a loopback address, else says so. */
  logout(_authority: Authority, request: SimulatorRequest): Reply {
    const sessionId = this.sessionIdOf(request);
    if (sessionId) this.sessions.delete(sessionId);
    const clear = { 'set-cookie': `${this.cookieName()}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0` };
    const target = request.url.searchParams.get('post_logout_redirect_uri');
    if (target && isLoopbackUri(target)) {
      const url = new URL(target);
      const state = request.url.searchParams.get('state');
      if (state) url.searchParams.append('state', state);
      return redirect(url.toString(), clear);
    }
    return html(signedOutPage(), 200, { ...pageHeaders(), ...clear });
  }

  /** The checks whose failure must not redirect: an unknown app, or a redirect URI it does not have. */
  private trustedClient(authority: Authority, params: URLSearchParams): TrustedClient {
    const clientId = params.get('client_id');
    if (!clientId) throw missing('client_id');
    if (!this.options.publicClientIds.includes(clientId))
      throw unknownClient(clientId, authority.tenant?.displayName ?? authority.segment);
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) throw missing('redirect_uri');
    if (!isLoopbackUri(redirectUri)) throw unregisteredRedirectUri(redirectUri, clientId);
    // The code flow's default is the query; an unsupported mode (refused later) is answered there too.
    const responseMode: ResponseMode = params.get('response_mode') === 'fragment' ? 'fragment' : 'query';
    return { clientId, redirectUri, responseMode, state: params.get('state') };
  }

  private signIn(
    authority: Authority,
    request: SimulatorRequest,
    params: URLSearchParams,
    client: TrustedClient,
    scopes: string[],
    username: string,
  ): Reply {
    const found = this.options.authorities.userOf(authority, username);
    if (!found)
      return this.page(request, params, client, authority, `${username} is not a demo user of this directory.`, 400);
    const previous = this.sessionIdOf(request);
    if (previous) this.sessions.delete(previous);
    // A new session id at every sign-in, so a value planted in the browser before cannot become a session.
    const sessionId = randomBytes(32).toString('base64url');
    this.sessions.set(sessionId, found.user.userPrincipalName);
    const cookie = `${this.cookieName()}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=None`;
    return redirect(this.answerUrl(client, this.codeAnswer(found, params, client, scopes)), { 'set-cookie': cookie });
  }

  /**
   * prompt=none, as MSAL.js sends it from a hidden iframe to renew tokens: a code at once for the browser's
   * signed-in user, or login_required. Only redirects, with no framing restriction, so the iframe can follow.
   */
  private silentSignIn(
    authority: Authority,
    request: SimulatorRequest,
    params: URLSearchParams,
    client: TrustedClient,
    scopes: string[],
  ): Reply {
    const sessionId = this.sessionIdOf(request);
    const userPrincipalName = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!userPrincipalName) throw loginRequired();
    const found = this.options.authorities.userOf(authority, userPrincipalName);
    const hint = params.get('login_hint');
    if (!found || (hint && hint.toLowerCase() !== userPrincipalName.toLowerCase())) throw otherUserSignedIn();
    return redirect(this.answerUrl(client, this.codeAnswer(found, params, client, scopes)));
  }

  private page(
    request: SimulatorRequest,
    params: URLSearchParams,
    client: TrustedClient,
    authority: Authority,
    alert?: string,
    status = 200,
  ): Reply {
    const body = signInPage({
      action: request.url.pathname,
      parameters: [...params].filter(([name]) => name !== 'username'),
      tenants: this.options.authorities.tenantsOf(authority),
      loginHint: params.get('login_hint') ?? undefined,
      alert,
    });
    return html(body, status, pageHeaders([new URL(client.redirectUri).origin]));
  }

  private codeAnswer(
    found: NonNullable<ReturnType<Authorities['userOf']>>,
    params: URLSearchParams,
    client: TrustedClient,
    scopes: string[],
  ): [string, string][] {
    const code = this.options.codes.issueCode({
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      codeChallenge: params.get('code_challenge') as string,
      nonce: params.get('nonce') ?? undefined,
      scopes,
      userPrincipalName: found.user.userPrincipalName,
      homeTenantId: found.tenant.tenantId.toLowerCase(),
    });
    return [
      ['code', code],
      // Entra sends client_info when asked (msal asks, client_info=1); msal uses it to route the token request.
      ['client_info', clientInfo(found.tenant, found.user)],
    ];
  }

  private errorAnswer(error: EntraError, params: URLSearchParams): [string, string][] {
    const correlationId = params.get('client-request-id') ?? randomUUID();
    const body = entraErrorBody(error, correlationId, this.options.now(), this.options.authorityHost());
    return [
      ['error', body.error],
      ['error_description', body.error_description],
      ['error_uri', body.error_uri],
    ];
  }

  /** The redirect URI with the answer and the app's state, in the fragment or the query as the app asked. */
  private answerUrl(client: TrustedClient, answer: [string, string][]): string {
    const all = client.state === null ? answer : [...answer, ['state', client.state] as [string, string]];
    if (client.responseMode === 'fragment') return `${client.redirectUri}#${new URLSearchParams(all)}`;
    const url = new URL(client.redirectUri);
    for (const [name, value] of all) url.searchParams.append(name, value);
    return url.toString();
  }

  /** Cookies ignore ports: the port in the name keeps two simulators on one machine from sharing sessions. */
  private cookieName(): string {
    return `__Host-tenant-simulator-${new URL(this.options.authorityHost()).port}`;
  }

  private sessionIdOf(request: SimulatorRequest): string | undefined {
    const name = this.cookieName();
    for (const pair of (request.header('cookie') ?? '').split(';')) {
      const [key, ...value] = pair.trim().split('=');
      if (key === name && value.length > 0) return value.join('=');
    }
    return undefined;
  }
}

/** The authorization request's own checks, after the app is trusted; returns the granted scopes. */
function checkedRequest(params: URLSearchParams, appIdUri: string): string[] {
  const responseMode = params.get('response_mode');
  if (responseMode && responseMode !== 'query' && responseMode !== 'fragment')
    throw unsupportedResponseMode(responseMode);
  const responseType = params.get('response_type');
  if (!responseType) throw missing('response_type');
  if (responseType !== 'code') throw unsupportedResponseType(responseType);
  const scope = params.get('scope');
  if (!scope) throw missing('scope');
  const scopes = checkUserScopes(appIdUri, scope);
  const challenge = params.get('code_challenge');
  if (!challenge || params.get('code_challenge_method') !== 'S256' || !isS256Challenge(challenge)) throw pkceRequired();
  const prompt = params.get('prompt');
  if (prompt && !PROMPTS.includes(prompt)) throw invalidPrompt(prompt);
  return scopes;
}

/**
 * The only redirect URIs a local SPA registration has: http or https on a loopback host, with no fragment
 * (the answer may go there) and no user info.
 */
export function isLoopbackUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      ['http:', 'https:'].includes(url.protocol) &&
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) &&
      !url.username &&
      !url.password &&
      !uri.includes('#')
    );
  } catch {
    return false;
  }
}
