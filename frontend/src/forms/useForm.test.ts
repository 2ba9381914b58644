import { act, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { readDraft } from './useDraft';
import { useForm, withIdempotencyKey, type FormOptions, type SaveMutation } from './useForm';

interface Body {
  name: string;
  fee: number | undefined;
  password: string;
}

/** A mutation that records its calls and answers as told. */
function fakeMutation(answer: { data?: { id: number }; error?: ApiError }) {
  const calls: unknown[] = [];
  const mutation: SaveMutation<unknown, { id: number }> = {
    mutate: vi.fn((variables, options) => {
      calls.push(variables);
      if (answer.error) mutation.error = answer.error;
      else {
        mutation.isSuccess = true;
        mutation.data = answer.data;
        options?.onSuccess?.(answer.data!);
      }
    }),
    error: null,
    isPending: false,
    isSuccess: false,
    data: undefined,
  };
  return { mutation, calls };
}

const submit = { preventDefault: () => {} } as FormEvent;

function setup(mutation: SaveMutation<unknown, { id: number }>, options: Partial<FormOptions<Body, unknown, { id: number }>> = {}) {
  return renderHook(() =>
    useForm<Body, unknown, { id: number }>({
      id: 'test',
      fields: { name: 'Tên', fee: 'Tiền dịch vụ', password: 'Mật khẩu' },
      draftKey: 'test.new',
      initial: () => ({ name: '', fee: '' }),
      secret: ['password'],
      mutation,
      toBody: (v, numbers) => ({ name: v.name.trim(), fee: v.fee ? numbers.integer('fee', v.fee) : undefined, password: v.password ?? '' }),
      variables: withIdempotencyKey,
      afterSave: 'reset',
      ...options,
    }),
  );
}

describe('useForm', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps the values in the draft, but never a secret input', () => {
    const { result } = setup(fakeMutation({ data: { id: 1 } }).mutation);
    act(() => result.current.set({ name: 'An', password: 'bí mật' }));
    expect(result.current.values).toEqual({ name: 'An', fee: '', password: 'bí mật' });
    expect(readDraft('test.new')).toEqual({ name: 'An', fee: '' });
    expect(result.current.kit.values.password).toBe('bí mật');
  });

  it('shows an input that is no number on that input and sends nothing', () => {
    const { mutation } = fakeMutation({ data: { id: 1 } });
    const { result } = setup(mutation);
    act(() => result.current.set({ fee: '1,5' }));
    act(() => result.current.onSubmit(submit));
    expect(mutation.mutate).not.toHaveBeenCalled();
    expect(result.current.kit.errors.fee?.[0].message).toContain('must be a whole number');
    expect((result.current.error as ApiError).code).toBe('validation_error');
  });

  it('sends the same idempotency key for the same body, a new one for another', () => {
    const { mutation, calls } = fakeMutation({ error: new ApiError({ status: 503, code: 'internal_error' }) });
    const { result } = setup(mutation);
    act(() => result.current.set({ name: 'An', fee: '30.000.000' }));
    act(() => result.current.onSubmit(submit));
    act(() => result.current.onSubmit(submit));
    act(() => result.current.set({ name: 'Bình' }));
    act(() => result.current.onSubmit(submit));
    const [first, again, other] = calls as { body: Body; idempotencyKey: string }[];
    expect(first.body).toEqual({ name: 'An', fee: 30000000, password: '' });
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    expect(other.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it("maps the API's field errors to their inputs, the rest to the summary", () => {
    const error = new ApiError({
      status: 422,
      code: 'validation_error',
      fields: [
        { field: 'body.name', message: 'Field required' },
        { field: 'agency_id', message: 'no enterprise with id 9' },
      ],
    });
    const { result, rerender } = setup(fakeMutation({ error }).mutation);
    act(() => result.current.onSubmit(submit));
    rerender();
    expect(Object.keys(result.current.mapped.byField)).toEqual(['name']);
    expect(result.current.mapped.other.map((e) => e.field)).toEqual(['agency_id']);
    expect(result.current.labels.name).toBe('Tên');
  });

  it("'reset' starts again for the next record; 'keep' leaves the values and drops the draft", () => {
    const reset = setup(fakeMutation({ data: { id: 7 } }).mutation);
    act(() => reset.result.current.set({ name: 'An', password: 'x' }));
    act(() => reset.result.current.onSubmit(submit));
    expect(reset.result.current.values).toEqual({ name: '', fee: '' });
    expect(readDraft('test.new')).toBeNull();
    reset.unmount();

    const onSaved = vi.fn();
    const keep = setup(fakeMutation({ data: { id: 8 } }).mutation, { afterSave: 'keep', onSaved });
    act(() => keep.result.current.set({ name: 'Bình' }));
    act(() => keep.result.current.onSubmit(submit));
    expect(keep.result.current.values.name).toBe('Bình');
    expect(readDraft('test.new')).toBeNull();
    expect(onSaved).toHaveBeenCalledWith({ id: 8 }, expect.anything());
  });

  it('keeps the values in memory only without a draft key', () => {
    const { result } = setup(fakeMutation({ data: { id: 1 } }).mutation, { draftKey: null });
    act(() => result.current.set({ name: 'An' }));
    expect(result.current.values.name).toBe('An');
    expect(sessionStorage.length).toBe(0);
  });
});
