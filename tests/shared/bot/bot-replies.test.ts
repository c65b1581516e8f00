import { describe, expect, it } from 'vitest';
import { commandOf, helpReply, statusReply, welcomeReply } from '../../../shared/bot/bot-replies';
import { deriveStatus } from '../../../shared/status/current-status';

describe('the bot replies', () => {
  it('reads "status" in any case, with a mention of the bot or markup around it; anything else is help', () => {
    expect(commandOf(' Status ')).toBe('status');
    expect(commandOf('<at>ICT Partnership Hub</at> status')).toBe('status');
    expect(commandOf('<p>STATUS</p>')).toBe('status');
    expect(commandOf('help')).toBe('help');
    expect(commandOf('status please')).toBe('help');
    expect(commandOf(undefined)).toBe('help');
  });

  it('welcomes a user by first name, with the help', () => {
    expect(welcomeReply('Fiona Bryant')).toEqual({ kind: 'text', text: `Hello Fiona. ${textOf(helpReply())}` });
  });

  it('says briefly what is not operational and what planned work is coming', () => {
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
    expect(textOf(statusReply(status, 'Shared IT'))).toBe(
      [
        '**Shared IT: Outage**',
        '- Email: Outage (1 incident)',
        '- Now: mail-down title',
        '1 planned piece of work in the next 7 days.',
      ].join('\n'),
    );
  });
});

function textOf(reply: ReturnType<typeof helpReply>): string {
  if (reply.kind !== 'text') throw new Error('a text reply was expected');
  return reply.text;
}
