import { describe, expect, it } from 'vitest';
import { fold, matches, matchRange } from './fold';

describe('fold', () => {
  it('drops tone and vowel marks and reads đ as d', () => {
    expect(fold('Xã Đại Lộc')).toBe('xa dai loc');
    expect(fold('Đặc khu Hoàng Sa')).toBe('dac khu hoang sa');
    expect(fold('Phường Ngũ Hành Sơn')).toBe('phuong ngu hanh son');
  });

  it('treats both placements of the tone mark alike (Hòa, Hoà)', () => {
    expect(fold('Xã Hòa Vang')).toBe(fold('Xã Hoà Vang'));
    expect(fold('Hòa')).toBe('hoa');
  });

  it('reads decomposed text (NFD) like composed text', () => {
    expect(fold('Xã Đại Lộc'.normalize('NFD'))).toBe('xa dai loc');
  });

  it('collapses spaces', () => {
    expect(fold('  Tam   Xuân ')).toBe('tam xuan');
  });
});

describe('matches', () => {
  it('finds a name typed without diacritics', () => {
    expect(matches('Xã Đại Lộc', 'dai loc')).toBe(true);
    expect(matches('Xã Tam Xuân I', 'TAM XUAN')).toBe(true);
    expect(matches('Xã Hoà Tiến', 'hòa tien')).toBe(true);
  });

  it('refuses a name without every word', () => {
    expect(matches('Xã Đại Lộc', 'dai loi')).toBe(false);
    expect(matches('Xã Đại Lãnh', 'dai loc')).toBe(false);
  });
});

describe('matchRange', () => {
  it('gives the range of the match in the name as written', () => {
    const name = 'Xã Đại Lộc';
    const range = matchRange(name, 'dai loc');
    expect(range).toEqual([3, 10]);
    expect(name.slice(...range!)).toBe('Đại Lộc');
  });

  it('is null when the name does not hold the text', () => {
    expect(matchRange('Xã Đại Lộc', 'hoa')).toBeNull();
    expect(matchRange('Xã Đại Lộc', '')).toBeNull();
  });
});
