import { describe, expect, it } from 'vitest';
import { compileRoute } from '../../../local/host/route-template';

describe('compileRoute: literal routes', () => {
  it('matches the route itself, ignoring case, a trailing slash and a leading slash', () => {
    const match = compileRoute('kpis/definitions');
    expect(match('kpis/definitions')).toEqual({});
    expect(match('KPIs/Definitions')).toEqual({});
    expect(match('kpis/definitions/')).toEqual({});
    expect(match('/kpis/definitions')).toEqual({});
  });

  it('matches nothing longer, shorter or merely starting alike', () => {
    const match = compileRoute('risks');
    expect(match('risks/x/y')).toBeNull();
    expect(match('risks/x')).toBeNull();
    expect(match('risksx')).toBeNull();
    expect(match('xrisks')).toBeNull();
    expect(match('')).toBeNull();
    expect(compileRoute('kpis/definitions')('kpis')).toBeNull();
  });

  it('treats regular expression characters in literals literally', () => {
    const dotted = compileRoute('a.b/{id}');
    expect(dotted('a.b/1')).toEqual({ id: '1' });
    expect(dotted('axb/1')).toBeNull();
    const plus = compileRoute('v1+/items');
    expect(plus('v1+/items')).toEqual({});
    expect(plus('v11/items')).toBeNull();
    const alternation = compileRoute('a|b');
    expect(alternation('a|b')).toEqual({});
    expect(alternation('a')).toBeNull();
    expect(alternation('b')).toBeNull();
    const brackets = compileRoute('$metadata/(x)/[y]');
    expect(brackets('$metadata/(x)/[y]')).toEqual({});
    expect(brackets('metadata/x/y')).toBeNull();
  });
});

describe('compileRoute: parameters', () => {
  it('captures one segment per parameter, decoded, keeping the case of the value', () => {
    const match = compileRoute('risks/{id}');
    expect(match('risks/risk-hdc-firewalls')).toEqual({ id: 'risk-hdc-firewalls' });
    expect(match('RISKS/Risk-A')).toEqual({ id: 'Risk-A' });
    expect(match('risks/a%20b')).toEqual({ id: 'a b' });
    expect(match('risks/caf%C3%A9')).toEqual({ id: 'café' });
    expect(match('risks/abc/')).toEqual({ id: 'abc' });
  });

  it('requires a parameter segment to be there and to be one segment only', () => {
    const match = compileRoute('risks/{id}');
    expect(match('risks')).toBeNull();
    expect(match('risks/')).toBeNull();
    expect(match('risks/x/y')).toBeNull();
  });

  it('captures several parameters by name', () => {
    expect(compileRoute('kpis/{kpiId}/measurements/{id}')('kpis/KPI-2/measurements/2020-21-q1')).toEqual({
      kpiId: 'KPI-2',
      id: '2020-21-q1',
    });
  });

  it('lets an optional parameter be left out, but not stand for more than one segment', () => {
    const match = compileRoute('files/{name?}');
    expect(match('files')).toEqual({});
    expect(match('files/')).toEqual({});
    expect(match('files/a')).toEqual({ name: 'a' });
    expect(match('files/a/b')).toBeNull();
  });

  it('lets a catch-all parameter take the rest of the path, slashes included, or nothing', () => {
    const match = compileRoute('files/{*path}');
    expect(match('files/a/b/c')).toEqual({ path: 'a/b/c' });
    expect(match('files/a%20b/c')).toEqual({ path: 'a b/c' });
    expect(match('files')).toEqual({});
    expect(match('filesx/a')).toBeNull();
    expect(match('other/a')).toBeNull();
  });

  it('honours the int and alpha constraints and ignores others', () => {
    const year = compileRoute('years/{year:int}');
    expect(year('years/2020')).toEqual({ year: '2020' });
    expect(year('years/twenty')).toBeNull();
    expect(year('years/20x')).toBeNull();
    expect(year('years/2020.5')).toBeNull();
    expect(year('years/')).toBeNull();

    const code = compileRoute('partners/{code:alpha}');
    expect(code('partners/HDC')).toEqual({ code: 'HDC' });
    expect(code('partners/HDC1')).toBeNull();

    expect(compileRoute('items/{id:guid}')('items/not-a-guid')).toEqual({ id: 'not-a-guid' });
  });

  it('answers no match, not an error, for a malformed percent escape', () => {
    expect(compileRoute('risks/{id}')('risks/%E0%A4%A')).toBeNull();
  });
});
