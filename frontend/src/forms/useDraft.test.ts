import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { readDraft, useDraft } from './useDraft';

describe('useDraft', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps what was typed across a remount until it is cleared', () => {
    const first = renderHook(() => useDraft('form', () => ({ name: '', age: '30' })));
    expect(first.result.current.restored).toBe(false);
    act(() => first.result.current.set({ name: 'Nguyễn Văn An' }));
    expect(readDraft('form')).toEqual({ name: 'Nguyễn Văn An', age: '30' });
    first.unmount();

    const second = renderHook(() => useDraft('form', () => ({ name: '', age: '30' })));
    expect(second.result.current.restored).toBe(true);
    expect(second.result.current.values.name).toBe('Nguyễn Văn An');
    act(() => second.result.current.clear());
    expect(readDraft('form')).toBeNull();
  });

  it('starts again from the initial values on discard', () => {
    const { result } = renderHook(() => useDraft('other', () => ({ name: 'x' })));
    act(() => result.current.set({ name: 'typed' }));
    act(() => result.current.discard());
    expect(result.current.values).toEqual({ name: 'x' });
    expect(result.current.restored).toBe(false);
    expect(readDraft('other')).toBeNull();
  });

  it('adds fields a newer form has to an older draft', () => {
    sessionStorage.setItem('overseas.draft.grown', JSON.stringify({ name: 'old' }));
    const { result } = renderHook(() => useDraft('grown', () => ({ name: '', phone: '' })));
    expect(result.current.values).toEqual({ name: 'old', phone: '' });
  });
});
