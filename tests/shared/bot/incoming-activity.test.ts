import { describe, expect, it } from 'vitest';
import { admitActivity, parseIncomingActivity, tenantOfActivity } from '../../../shared/bot/incoming-activity';
import { ServiceUrlPolicy } from '../../../shared/bot/service-url-policy';

const TEAMS = 'https://smba.trafficmanager.net/emea/';
const activity = (changes: Record<string, unknown> = {}) =>
  parseIncomingActivity({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: TEAMS,
    conversation: { id: 'a:1', tenantId: '3C1C0001-0000-4000-8000-000000000001' },
    channelData: { tenant: { id: '3c1c0001-0000-4000-8000-000000000001' } },
    ...changes,
  });
const token = { serviceUrl: TEAMS, endorsements: ['msteams'] };

describe('ServiceUrlPolicy', () => {
  it("allows only the Bot Connector's hosts over https in production", () => {
    const production = new ServiceUrlPolicy(false);
    for (const url of [TEAMS, 'https://smba.infra.gcc.teams.microsoft.com/', 'https://webchat.botframework.com/']) {
      expect(production.isAllowed(url)).toBe(true);
    }
    for (const url of [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evilbotframework.com/',
      'https://graph.microsoft.com/',
      'https://user:pw@smba.trafficmanager.net/',
      'http://localhost:56150/_connector',
      'https://127.0.0.1/',
      'nonsense',
      undefined,
    ]) {
      expect(production.isAllowed(url)).toBe(false);
    }
  });

  it('also allows this machine in development', () => {
    const development = new ServiceUrlPolicy(true);
    expect(development.isAllowed('http://localhost:56150/_connector')).toBe(true);
    expect(development.isAllowed('https://127.0.0.1:4000/teams/')).toBe(true);
    expect(development.isAllowed('ftp://localhost/')).toBe(false);
    expect(development.isAllowed('https://example.org/')).toBe(false);
  });
});

describe('admitActivity and tenantOfActivity', () => {
  const policy = new ServiceUrlPolicy(false);

  it('admits an activity the verified token vouches for', () => {
    expect(() => admitActivity({ kind: 'bot-connector', token }, activity(), policy)).not.toThrow();
  });

  it('refuses an activity at another service URL than the token, or unauthenticated off this machine', () => {
    const elsewhere = activity({ serviceUrl: 'https://smba.trafficmanager.net/amer/' });
    expect(() => admitActivity({ kind: 'bot-connector', token }, elsewhere, policy)).toThrow(/not valid/);
    expect(() => admitActivity({ kind: 'playground' }, activity(), new ServiceUrlPolicy(true))).toThrow(/not valid/);
    const local = activity({ serviceUrl: 'http://localhost:56150/_connector' });
    expect(() => admitActivity({ kind: 'playground' }, local, new ServiceUrlPolicy(true))).not.toThrow();
  });

  it('refuses what is not an activity with a 400', () => {
    expect(() => parseIncomingActivity({})).toThrow(/not a Bot Framework activity/);
    expect(() => parseIncomingActivity([])).toThrow();
  });

  it('reads the tenant from the conversation and channelData, believing neither when they disagree', () => {
    expect(tenantOfActivity(activity())).toBe('3c1c0001-0000-4000-8000-000000000001');
    expect(tenantOfActivity(activity({ channelData: {} }))).toBe('3c1c0001-0000-4000-8000-000000000001');
    const mixed = activity({ channelData: { tenant: { id: '3c1c0002-0000-4000-8000-000000000002' } } });
    expect(tenantOfActivity(mixed)).toBeUndefined();
    expect(tenantOfActivity(activity({ channelData: {}, conversation: { id: 'a:1' } }))).toBeUndefined();
  });
});
