import { describe, expect, it } from 'vitest';
import {
  type ServiceStatusView,
  serviceStatusCard,
  serviceStatusViewOf,
} from '../../../shared/cards/service-status-card';
import type { Incident } from '../../../shared/schemas/incidents';
import { deriveStatus } from '../../../shared/status/current-status';
import { type CardJson, factsOf, markdownTexts, plainTexts } from '../../support/adaptive-card-inspect';
import { adaptiveCardProblems } from '../../support/adaptive-card-validator';
import { expectShownAsWritten } from './card-expectations';
import { CCC, context, HDC, HOSTILE, SCDC } from './card-fixtures';

const NOW = new Date('2026-12-03T10:00:00.000Z');

const incident = (fields: Partial<Incident> & Pick<Incident, 'id' | 'title' | 'areas'>): Incident => ({
  kind: 'incident',
  services: [],
  councils: ['CCC', 'HDC', 'SCDC'],
  start: '2026-12-03T09:15:00.000Z',
  end: null,
  severity: 'outage',
  cause: { kind: 'unknown' },
  updates: [],
  createdAt: '2026-12-03T09:15:00.000Z',
  createdBy: { name: 'Lee Hunt', partnerCode: 'HDC' },
  updatedAt: '2026-12-03T09:15:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
  source: 'api',
  partnershipId: '3c-ict',
  sequence: 0,
  ...fields,
});

const calm: ServiceStatusView = {
  at: NOW.toISOString(),
  overall: 'operational',
  areas: [
    { label: 'Network/Telephony', level: 'operational' },
    { label: 'Email', level: 'operational' },
  ],
  incidents: [],
};

describe('the service status card', () => {
  it('makes its view from the status the app computes', () => {
    const status = deriveStatus(
      [
        incident({ id: 'inc-1', title: 'Email down', areas: ['email'] }),
        incident({
          id: 'inc-2',
          kind: 'planned-maintenance',
          title: 'Core switch upgrade',
          areas: ['network-telephony'],
          start: '2026-12-03T08:00:00.000Z',
          end: '2026-12-03T12:00:00.000Z',
        }),
      ],
      [CCC, HDC, SCDC],
      NOW,
    );
    const view = serviceStatusViewOf(status);
    expect(view.overall).toBe('outage');
    expect(view.areas).toEqual([
      { label: 'Network/Telephony', level: 'maintenance' },
      { label: 'Email', level: 'outage' },
      { label: 'Internet/web site services', level: 'operational' },
      { label: 'Centralised server infrastructure', level: 'operational' },
    ]);
    expect(view.incidents).toEqual([
      { title: 'Email down', level: 'outage', since: '2026-12-03T09:15:00.000Z' },
      { title: 'Core switch upgrade', level: 'maintenance', since: '2026-12-03T08:00:00.000Z' },
    ]);
  });

  it('gives the overall status and each area’s in words, and what is under way', () => {
    const card = serviceStatusCard(
      {
        ...calm,
        overall: 'outage',
        areas: [
          { label: 'Network/Telephony', level: 'maintenance' },
          { label: 'Email', level: 'outage' },
          { label: 'Internet/web site services', level: 'degraded' },
        ],
        incidents: [{ title: 'Email down', level: 'outage', since: '2026-12-03T09:15:00.000Z' }],
      },
      context,
    ) as CardJson;
    expect(markdownTexts(card)).toEqual(
      expect.arrayContaining(['IT service status', 'As at 3 Dec 2026, 10:00', 'Overall: Outage']),
    );
    expect(factsOf(card)).toEqual({
      'Network/Telephony': 'Planned work under way',
      Email: 'Outage',
      'Internet/web site services': 'Degraded',
    });
    expect(plainTexts(card)).toEqual(['Outage: ', 'Email down', ', since 3 Dec 2026, 09:15']);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the tab', url: 'https://hub.example.org/tab/#/status' },
    ]);
  });

  it('says when nothing is under way', () => {
    const card = serviceStatusCard(calm, context) as CardJson;
    expect(markdownTexts(card)).toEqual(
      expect.arrayContaining(['Overall: Operational', 'Nothing: no incidents or planned work under way.']),
    );
  });

  it('shows incident titles as written', () => {
    const card = serviceStatusCard(
      { ...calm, overall: 'degraded', incidents: [{ title: HOSTILE, level: 'degraded', since: NOW.toISOString() }] },
      context,
    ) as CardJson;
    expectShownAsWritten(card, HOSTILE);
  });

  it('is valid for Teams, calm or not', () => {
    expect(adaptiveCardProblems(serviceStatusCard(calm, context))).toEqual([]);
    const busy: ServiceStatusView = {
      ...calm,
      overall: 'maintenance',
      areas: [{ label: 'Email', level: 'maintenance' }],
      incidents: [
        { title: 'Mail relay patching', level: 'maintenance', since: NOW.toISOString() },
        { title: HOSTILE, level: 'degraded', since: NOW.toISOString() },
      ],
    };
    expect(adaptiveCardProblems(serviceStatusCard(busy, context))).toEqual([]);
  });
});
