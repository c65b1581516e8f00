import { describe, expect, it } from 'vitest';
import { commandOf, helpReply, statusReply, welcomeReply } from '../../../shared/bot/bot-replies';
import { helpCard } from '../../../shared/cards/help-card';
import { serviceStatusCard, serviceStatusViewOf } from '../../../shared/cards/service-status-card';
import { deriveStatus } from '../../../shared/status/current-status';
import { expectValidAdaptiveCard } from '../../support/adaptive-card-validator';

const CONTEXT = { tabUrl: 'https://hub.example/' };

describe('the bot replies', () => {
  it('reads "status" in any case, with a mention of the bot or markup around it; anything else is help', () => {
    expect(commandOf(' Status ')).toBe('status');
    expect(commandOf('<at>ICT Partnership Hub</at> status')).toBe('status');
    expect(commandOf('<p>STATUS</p>')).toBe('status');
    expect(commandOf('help')).toBe('help');
    expect(commandOf('status please')).toBe('help');
    expect(commandOf(undefined)).toBe('help');
  });

  it('welcomes a user by first name, with a line on what to type', () => {
    const welcome = welcomeReply('Fiona Bryant');
    expect(welcome).toEqual({ kind: 'text', text: expect.stringMatching(/^Hello Fiona\. /) });
    expect(welcome.kind === 'text' && welcome.text).toContain('Type **status**');
  });

  it('answers help with the help card', () => {
    const reply = helpReply(CONTEXT);
    expect(reply).toEqual({ kind: 'card', card: helpCard(CONTEXT) });
    expectValidAdaptiveCard(reply.kind === 'card' ? reply.card : null);
  });

  it('answers status with the service status card: what is not operational, and what is under way', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const incident = (id: string, kind: 'incident' | 'planned-maintenance', start: string, end: string | null) =>
      ({
        id,
        kind,
        title: `${id} title`,
        areas: ['email'],
        services: [],
        councils: ['CCC'],
        start,
        end,
        severity: 'outage',
        cause: { kind: 'unknown' },
        updates: [],
        createdAt: start,
        createdBy: { partnerCode: 'HDC', name: 'Lee', tenantId: 't', objectId: 'o' },
        updatedAt: start,
        resolvedAt: null,
        resolvedBy: null,
        source: 'api',
        partnershipId: 'p3',
        sequence: 0,
      }) as never;
    const status = deriveStatus(
      [
        incident('mail-down', 'incident', '2026-12-02T09:00:00Z', null),
        incident('patching', 'planned-maintenance', '2026-12-04T18:00:00Z', '2026-12-04T20:00:00Z'),
      ],
      [{ code: 'CCC', name: 'Cambridge City Council' }],
      now,
    );
    const reply = statusReply(status, CONTEXT);
    expect(reply).toEqual({ kind: 'card', card: serviceStatusCard(serviceStatusViewOf(status), CONTEXT) });
    const card = reply.kind === 'card' ? reply.card : null;
    expectValidAdaptiveCard(card);
    expect(JSON.stringify(card)).toContain('Overall: Outage');
    expect(JSON.stringify(card)).toContain('mail-down title');
  });
});
