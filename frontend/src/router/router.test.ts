import { describe, expect, it } from 'vitest';
import { matchPath, safeNext } from './router';

describe('matchPath', () => {
  it('matches exact paths, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/markets', '/markets/')).toEqual({});
    expect(matchPath('/markets', '/login')).toBeNull();
  });

  it('extracts and decodes parameters', () => {
    expect(matchPath('/markets/:code', '/markets/JP')).toEqual({ code: 'JP' });
    expect(matchPath('/agencies/:id', '/agencies/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/markets/:code', '/markets')).toBeNull();
  });
});

describe('safeNext', () => {
  it('only follows paths of this app', () => {
    expect(safeNext('/markets?x=1', '/')).toBe('/markets?x=1');
    expect(safeNext('//evil.example', '/')).toBe('/');
    expect(safeNext('https://evil.example', '/')).toBe('/');
    expect(safeNext(null, '/markets')).toBe('/markets');
  });
});
