import { isLoopbackHost } from '../config/loopback';

/**
 * The Bot Connector's own hosts, in the public cloud and the US government clouds: the only places the bot sends
 * replies and cards to in production. `botframework.com` covers its other channels (Web Chat, used by the Azure
 * portal's "Test in Web Chat").
 */
const BOT_CONNECTOR_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];
const BOT_CONNECTOR_DOMAINS = ['botframework.com'];

/**
 * Which service URLs the bot will call. An activity names the URL its replies go to, and the bot sends its token
 * there, so a URL outside Microsoft's Bot Connector is refused in production; development also allows this
 * machine (the local Bot Connector stand-in, Microsoft 365 Agents Playground). Shaped as the agents SDK's
 * `OutboundUrlPolicy`, so the SDK applies the same rule to every call it makes.
 */
export class ServiceUrlPolicy {
  readonly enabled = true;

  constructor(private readonly allowLoopback: boolean) {}

  isAllowed(url: string | URL | null | undefined): boolean {
    if (!url) return false;
    let parsed: URL;
    try {
      parsed = url instanceof URL ? url : new URL(url);
    } catch {
      return false;
    }
    const host = parsed.hostname.toLowerCase();
    if (this.allowLoopback && isLoopbackHost(host)) return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
    return (
      BOT_CONNECTOR_HOSTS.includes(host) ||
      BOT_CONNECTOR_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))
    );
  }
}

export function serviceUrlPolicyFor(environment: 'development' | 'production'): ServiceUrlPolicy {
  return new ServiceUrlPolicy(environment === 'development');
}
