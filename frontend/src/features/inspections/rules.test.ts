import { describe, expect, it } from 'vitest';
import { isOpen, isOverdue, nextInspectionStatus } from './rules';

const violation = (change: { remedied_on?: string | null; waived?: boolean; remedy_due?: string | null }) => ({
  remedied_on: null,
  waived: false,
  remedy_due: '2026-03-01',
  ...change,
});

describe('the overdue-remedy rule', () => {
  it('is overdue from the day after the remedy was due, while it is open', () => {
    expect(isOverdue(violation({}), '2026-03-01')).toBe(false);
    expect(isOverdue(violation({}), '2026-03-02')).toBe(true);
  });

  it('is never overdue once remedied or waived, or without a due day', () => {
    expect(isOverdue(violation({ remedied_on: '2026-03-05' }), '2026-04-01')).toBe(false);
    expect(isOverdue(violation({ waived: true }), '2026-04-01')).toBe(false);
    expect(isOverdue(violation({ remedy_due: null }), '2026-04-01')).toBe(false);
  });

  it('counts as open until remedied or waived', () => {
    expect(isOpen(violation({}))).toBe(true);
    expect(isOpen(violation({ remedied_on: '2026-03-05' }))).toBe(false);
    expect(isOpen(violation({ waived: true }))).toBe(false);
  });
});

describe('the inspection lifecycle', () => {
  it('goes planned → in progress → concluded → closed', () => {
    expect(nextInspectionStatus('planned')).toBe('in_progress');
    expect(nextInspectionStatus('in_progress')).toBe('concluded');
    expect(nextInspectionStatus('concluded')).toBe('closed');
    expect(nextInspectionStatus('closed')).toBeNull();
  });
});
