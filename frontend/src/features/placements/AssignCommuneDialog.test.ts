import { describe, expect, it } from 'vitest';
import { assignBody, LAST_OLD_DAY, pickerDay } from './AssignCommuneDialog';

describe('assignBody', () => {
  it('keeps the list filters and adds the side of the reform', () => {
    expect(assignBody({ unallocated: true, home_area_code: '506' }, 'before', '20506')).toEqual({
      home_area_code: '20506',
      filter: { unallocated: true, home_area_code: '506', registered_to: '2025-06-30' },
    });
    expect(assignBody({ market_code: 'JP' }, 'after', '20500')).toEqual({
      home_area_code: '20500',
      filter: { market_code: 'JP', registered_from: '2025-07-01', unallocated: false },
    });
  });

  it('narrows a registration range the list already has, never widens it', () => {
    expect(assignBody({ registered_from: '2025-09-01' }, 'after', '20500').filter.registered_from).toBe('2025-09-01');
    expect(assignBody({ registered_from: '2024-01-01' }, 'after', '20500').filter.registered_from).toBe('2025-07-01');
    expect(assignBody({ registered_to: '2024-12-31' }, 'before', '20506').filter.registered_to).toBe('2024-12-31');
    expect(assignBody({ registered_to: '2026-01-01' }, 'before', '20506').filter.registered_to).toBe('2025-06-30');
  });

  it('offers the old units before the reform and today’s after it', () => {
    expect(pickerDay('before')).toBe(LAST_OLD_DAY);
    expect(pickerDay('after') >= '2025-07-01').toBe(true);
  });
});
