import { describe, expect, it } from 'vitest';
import { openInTab, tabLink } from '../../../../shared/cards/parts/links';

describe('tab deep links', () => {
  it('adds a hash route to the tab’s address, with ids encoded', () => {
    expect(tabLink('https://hub.example.org/tab/', 'risks', 'risk-1')).toBe(
      'https://hub.example.org/tab/#/risks/risk-1',
    );
    expect(tabLink('http://localhost:7071/', 'bids', 'bid 2020/21#1')).toBe(
      'http://localhost:7071/#/bids/bid%202020%2F21%231',
    );
    expect(tabLink('https://hub.example.org/', 'licences')).toBe('https://hub.example.org/#/licences');
  });

  it('replaces a hash already on the address, and links to the start page without a route', () => {
    expect(tabLink('https://hub.example.org/#/status', 'risks', 'r')).toBe('https://hub.example.org/#/risks/r');
    expect(tabLink('https://hub.example.org/')).toBe('https://hub.example.org/#/');
  });

  it('makes the "Open in the tab" button', () => {
    expect(openInTab('https://hub.example.org/', 'bids', 'b1')).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in the tab',
      url: 'https://hub.example.org/#/bids/b1',
    });
  });
});
