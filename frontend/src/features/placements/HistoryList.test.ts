import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/core';
import { historyActor, historyReason } from './HistoryList';

const vi = (key: MessageKey, params?: Record<string, string | number>) => translate('vi', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

describe('history entries in words', () => {
  it('names the registry’s own actors and API clients, and keeps a user’s name', () => {
    expect(historyActor(vi, 'system')).toBe('Hệ thống');
    expect(historyActor(vi, 'demo')).toBe('Dữ liệu mẫu');
    expect(historyActor(vi, 'retention')).toBe('Xoá theo thời hạn lưu trữ');
    expect(historyActor(vi, 'client:erp-hanoi')).toBe('Kết nối API erp-hanoi');
    expect(historyActor(en, 'cli')).toBe('An administration command');
    expect(historyActor(vi, 'officer')).toBe('officer');
  });

  it('says a created record in words and keeps a person’s reason', () => {
    expect(historyReason(vi, 'created')).toBe('Tạo hồ sơ');
    expect(historyReason(en, 'created')).toBe('Record created');
    expect(historyReason(vi, 'Người lao động xin rút')).toBe('Người lao động xin rút');
  });
});
