import { describe, expect, it } from 'vitest';
import { compileRoute } from '../../../local/host/route-template';

describe('compileRoute, as the Functions host reads route templates', () => {
  it('matches literal routes, ignoring case and a trailing slash, and nothing longer or shorter', () => {
    const match = compileRoute('kpis/definitions');
    expect(match('kpis/definitions')).toEqual({});
    expect(match('KPIs/Definitions/')).toEqual({});
    expect(match('kpis')).toBeNull();
    expect(match('kpis/definitions/extra')).toBeNull();
  });

  it('captures and decodes parameters, one segment each', () => {
    const match = compileRoute('risks/{id}');
    expect(match('risks/risk-hdc-firewalls')).toEqual({ id: 'risk-hdc-firewalls' });
    expect(match('risks/a%20b')).toEqual({ id: 'a b' });
    expect(match('risks')).toBeNull();
    expect(match('risks/x/y')).toBeNull();
  });

  it('supports optional and catch-all parameters', () => {
    expect(compileRoute('files/{name?}')('files')).toEqual({});
    expect(compileRoute('files/{name?}')('files/a')).toEqual({ name: 'a' });
    expect(compileRoute('files/{*path}')('files/a/b/c')).toEqual({ path: 'a/b/c' });
  });

  it('honours int constraints', () => {
    const match = compileRoute('years/{year:int}');
    expect(match('years/2020')).toEqual({ year: '2020' });
    expect(match('years/twenty')).toBeNull();
  });

  it('treats regular expression characters in literals literally', () => {
    const match = compileRoute('a.b/{id}');
    expect(match('a.b/1')).toEqual({ id: '1' });
    expect(match('axb/1')).toBeNull();
  });
});
