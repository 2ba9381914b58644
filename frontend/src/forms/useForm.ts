import { useState, type FormEvent } from 'react';
import type { FormKit, FormValues } from '../components/form/kit';
import { errorsFor, type MappedErrors } from './fieldErrors';
import { readNumbers, type InputError, type NumberInputs } from './numberInputs';
import { useDraft } from './useDraft';
import { useIdempotencyKey } from './useIdempotencyKey';

/** What a form needs of its TanStack mutation. */
export interface SaveMutation<TVariables, TData> {
  mutate: (variables: TVariables, options?: { onSuccess?: (data: TData) => void }) => void;
  error: unknown;
  isPending: boolean;
  isSuccess: boolean;
  data: TData | undefined;
}

export interface FormOptions<TBody, TVariables, TData> {
  /** Prefix of the inputs' ids (`placement` → `placement-worker-national_id`), unique on the page. */
  id: string;
  /**
   * Each input's API field path and its label, in the order of the form: a 422's
   * `errors[].field` lands on the input of that path, and the error summary names it so.
   */
  fields: Readonly<Record<string, string>>;
  /** API paths that are another input's (a transition's `on` is the form's date). */
  aliases?: Readonly<Record<string, string>>;
  /** The sessionStorage key that keeps the values across reloads until saved; null keeps them in memory only. */
  draftKey: string | null;
  initial: () => FormValues;
  /** Inputs never written to the draft (a password); kept in memory until saved. */
  secret?: readonly string[];
  mutation: SaveMutation<TVariables, TData>;
  /**
   * The API body from the values. Money and counts are read with `numbers`: an input that is
   * no number of its kind is shown on its input like the API's 422, and nothing is sent.
   */
  toBody: (values: FormValues, numbers: NumberInputs) => TBody;
  /**
   * The mutation's variables for a body; by default the body itself. `idempotencyKey` is the
   * same for the same body (a retry, a double click), so the API creates the record once.
   */
  variables?: (body: TBody, idempotencyKey: string) => TVariables;
  /**
   * After a save: 'reset' empties the form for the next record (the draft is dropped, the
   * initial values come back); 'keep' drops the draft but leaves the values on screen (the
   * page goes on to the saved record, or the values still describe it).
   */
  afterSave: 'reset' | 'keep';
  onSaved?: (data: TData, form: { set: (update: FormValues) => void }) => void;
}

export interface Form<TData> {
  id: string;
  values: FormValues;
  set: (update: FormValues) => void;
  /** What the fields (components/form/Field) need: values, setter and each input's errors. */
  kit: FormKit;
  /** The labels of the inputs, by field path, for the error summary. */
  labels: Readonly<Record<string, string>>;
  /** True when the values came back from an earlier, unsaved visit. */
  restored: boolean;
  /** Forget the draft and start again from the initial values. */
  discardDraft: () => void;
  /** Inputs that are not numbers, else the save's failure; null when neither. */
  error: unknown;
  mapped: MappedErrors;
  pending: boolean;
  saved: boolean;
  data: TData | undefined;
  onSubmit: (event: FormEvent) => void;
}

/**
 * One form's life: the values (kept in a draft), the body for the API, the idempotency key,
 * the field errors of a failed save mapped to their inputs, and the saved state.
 */
export function useForm<TBody, TVariables = TBody, TData = unknown>(options: FormOptions<TBody, TVariables, TData>): Form<TData> {
  const { id, fields, aliases, draftKey, initial, secret = [], mutation, toBody, variables, afterSave, onSaved } = options;
  const isSecret = (name: string) => secret.includes(name);
  const draft = useDraft<FormValues>(draftKey, initial);
  const [secrets, setSecrets] = useState<FormValues>({});
  const keyFor = useIdempotencyKey();
  const [inputError, setInputError] = useState<InputError | null>(null);

  const values = { ...draft.values, ...secrets };
  const set = (update: FormValues) => {
    const [hidden, kept] = [{} as FormValues, {} as FormValues];
    for (const [name, value] of Object.entries(update)) (isSecret(name) ? hidden : kept)[name] = value;
    if (Object.keys(hidden).length) setSecrets((current) => ({ ...current, ...hidden }));
    if (Object.keys(kept).length) draft.set(kept);
  };

  const error = inputError ?? mutation.error ?? null;
  const names = Object.keys(fields);
  const mapped = errorsFor(error, names, aliases);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const read = readNumbers((numbers) => toBody(values, numbers));
    setInputError(read.ok ? null : read.error);
    if (!read.ok) return;
    const body = read.body;
    mutation.mutate(variables ? variables(body, keyFor(body)) : (body as unknown as TVariables), {
      onSuccess: (data) => {
        if (afterSave === 'reset') {
          draft.discard();
          setSecrets({});
        } else {
          draft.clear();
        }
        onSaved?.(data, { set });
      },
    });
  };

  return {
    id,
    values,
    set,
    kit: { id, values, set: (name, value) => set({ [name]: value }), errors: mapped.byField, labels: fields },
    labels: fields,
    restored: draft.restored,
    discardDraft: draft.discard,
    error,
    mapped,
    pending: mutation.isPending,
    saved: mutation.isSuccess,
    data: mutation.data,
    onSubmit,
  };
}

/** The variables of a create that carries an `Idempotency-Key` header. */
export const withIdempotencyKey = <TBody>(body: TBody, idempotencyKey: string) => ({ body, idempotencyKey });
