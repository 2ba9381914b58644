import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGS, formatDate, formatNumber, loadLang, saveLang, translate, translateValue } from './core';
import { vi } from './vi';

const referenceKeys = Object.keys(vi).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it.each(LANGS)('%s has exactly the keys of vi', (lang) => {
    expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual(referenceKeys);
  });

  it.each(LANGS)('%s has no empty messages', (lang) => {
    const empty = Object.entries(DICTIONARIES[lang]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LANGS)('%s uses the same placeholders as vi', (lang) => {
    for (const key of referenceKeys) {
      const k = key as keyof typeof vi;
      expect(placeholders(DICTIONARIES[lang][k]), key).toEqual(placeholders(vi[k]));
    }
  });

  // Every code the API answers with must reach the user translated.
  it.each([
    'invalid_credentials',
    'too_many_login_attempts',
    'too_many_requests',
    'not_authenticated',
    'forbidden',
    'not_found',
    'validation_error',
    'conflict',
    'invalid_transition',
    'precondition_failed',
    'idempotency_key_reused',
    'idempotency_key_in_progress',
    'account_inactive',
    'last_admin',
    'concurrent_write',
    'invalid_cursor',
    'malformed_json',
    'internal_error',
    'open_violations',
    'result_required',
    'violations_required',
    'violations_recorded',
    'not_started',
    'inspection_closed',
    'concluded_compliant',
    'target_exists',
    'external_ref_exists',
    'username_taken',
    'licence_no_taken',
    'market_exists',
    'area_exists',
    'invalid_file',
    'payload_too_large',
    'unsupported_media_type',
    'method_not_allowed',
    'not_acceptable',
    'http_error',
    'complaint_has_inspection',
    'complaint_closed',
  ])('translates the API error code %s', (code) => {
    expect(Object.keys(vi)).toContain(`errors.${code}`);
  });

  it('translates every role, tier and enterprise status', () => {
    for (const role of ['admin', 'officer', 'inspector', 'agency', 'viewer']) {
      expect(translateValue('vi', 'role', role)).not.toBe(role);
    }
    for (const tier of ['priority', 'potential', 'standard', 'suspended']) {
      expect(translateValue('en', 'tier', tier)).not.toBe(tier);
    }
    for (const status of ['active', 'suspended', 'revoked']) {
      expect(translateValue('vi', 'agencyStatus', status)).not.toBe(status);
    }
    expect(translateValue('en', 'tier', 'unheard_of')).toBe('unheard_of');
  });

  // The channel's words from Law 69/2020/QH14 Art. 5; the API's own reports use this label too.
  it('names the outbound investor channel as the law does', () => {
    expect(translateValue('vi', 'channel', 'outbound_investor')).toBe('Tổ chức, cá nhân đầu tư ra nước ngoài');
  });
});

describe('translate and formatting', () => {
  it('fills placeholders and formats numbers per language', () => {
    expect(translate('vi', 'common.shownOf', { shown: 20, total: 1500 })).toBe('Đang hiển thị 20 / 1.500');
    expect(translate('en', 'common.shownOf', { shown: 20, total: 1500 })).toBe('Showing 20 of 1,500');
  });

  it('formats numbers and calendar dates with vi-VN and en-GB', () => {
    expect(formatNumber('vi', 12000)).toBe('12.000');
    expect(formatNumber('en', 12000)).toBe('12,000');
    expect(formatDate('vi', '2026-03-05')).toBe('05/03/2026');
    expect(formatDate('en', '2026-03-05')).toBe('05/03/2026');
  });
});

describe('language preference', () => {
  it('defaults to Vietnamese and remembers the choice', () => {
    localStorage.clear();
    expect(loadLang()).toBe('vi');
    saveLang('en');
    expect(loadLang()).toBe('en');
    localStorage.setItem('overseas.lang', 'fr');
    expect(loadLang()).toBe('vi');
  });
});
