import { describe, expect, it } from 'vitest';
import { MAX_REFRESH_USERS, REFRESH_VERB, refreshFor } from '../../../../shared/cards/parts/refresh';

const data = { card: 'risk-toleration', tolerationId: 't1' };

describe('the refresh block', () => {
  it('lists the Teams ids of approvers of councils still to decide, each once', () => {
    const refresh = refreshFor(
      data,
      [
        { councilCode: 'CCC', teamsUserId: '29:a' },
        { councilCode: 'HDC', teamsUserId: '29:b' },
        { councilCode: 'HDC', teamsUserId: '29:b' },
        { councilCode: 'SCDC', teamsUserId: '29:c' },
        { councilCode: 'HDC', teamsUserId: null },
        { councilCode: 'HDC', teamsUserId: '  ' },
      ],
      ['HDC', 'SCDC'],
    );
    expect(refresh).toEqual({
      action: { type: 'Action.Execute', verb: REFRESH_VERB, data },
      userIds: ['29:b', '29:c'],
    });
    expect(REFRESH_VERB).toBe('refreshCard');
  });

  it('lists at most 60, the most Teams refreshes automatically', () => {
    const many = Array.from({ length: 75 }, (_, i) => ({ councilCode: 'CCC', teamsUserId: `29:user-${i}` }));
    const refresh = refreshFor(data, many, ['CCC']);
    expect(MAX_REFRESH_USERS).toBe(60);
    expect(refresh?.userIds).toHaveLength(60);
    expect(refresh?.userIds).toEqual(many.slice(0, 60).map((user) => user.teamsUserId));
  });

  it('is left out when nobody is left to decide, or nobody is known in Teams', () => {
    expect(refreshFor(data, [{ councilCode: 'CCC', teamsUserId: '29:a' }], [])).toBeNull();
    expect(refreshFor(data, [{ councilCode: 'CCC', teamsUserId: null }], ['CCC'])).toBeNull();
  });

  it('copies the data, so a card never shares it with another', () => {
    const refresh = refreshFor(data, [{ councilCode: 'CCC', teamsUserId: '29:a' }], ['CCC']);
    expect(refresh?.action.data).toEqual(data);
    expect(refresh?.action.data).not.toBe(data);
  });
});
