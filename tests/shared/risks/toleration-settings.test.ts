import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_REVIEW_DAYS,
  getTolerationSettings,
  replaceTolerationSettings,
} from '../../../shared/risks/toleration-settings';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, storesWithRisks } from './toleration-fixtures';

const custom = { High: 60, Medium: 120, Low: 240, Unrated: 30 };

describe('toleration settings', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it('answers the defaults (90, 180, 360 days; unrated as High) until an administrator sets them', async () => {
    expect(await getTolerationSettings(stores, 'p3')).toEqual({ reviewDays: DEFAULT_REVIEW_DAYS, etag: null });
    expect(DEFAULT_REVIEW_DAYS).toEqual({ High: 90, Medium: 180, Low: 360, Unrated: 90 });
    const written = await replaceTolerationSettings(stores, admin, { reviewDays: custom }, undefined);
    expect(written.created).toBe(true);
    expect(await getTolerationSettings(stores, 'p3')).toEqual({ reviewDays: custom, etag: written.etag });
    const audit = (await stores.audit.listAll('p3')).map((e) => e.record.action);
    expect(audit).toEqual(['risk.toleration-settings.replace']);
  });

  it('needs the ETag once set (428 without, 412 stale), and the partnership administrator role', async () => {
    const first = await replaceTolerationSettings(stores, admin, { reviewDays: custom }, undefined);
    const changed = { reviewDays: { ...custom, High: 45 } };
    await expect(replaceTolerationSettings(stores, admin, changed, undefined)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    const second = await replaceTolerationSettings(stores, admin, changed, first.etag);
    await expect(replaceTolerationSettings(stores, admin, { reviewDays: custom }, first.etag)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    await expect(replaceTolerationSettings(stores, approver('HDC'), changed, second.etag)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect((await getTolerationSettings(stores, 'p3')).reviewDays.High).toBe(45);
  });
});
