import type { FieldError } from '../../api/errors';

/** Form values are kept as strings keyed by the API's field path (`worker.full_name`). */
export type FormValues = Record<string, string>;

/** What a field needs from its form: where its value lives and the errors about it. */
export interface FormKit {
  id: string;
  values: FormValues;
  set: (name: string, value: string) => void;
  errors: Record<string, FieldError[]>;
  /** The labels of the form's inputs by field path, to name them in error messages. */
  labels?: Readonly<Record<string, string>>;
}

export interface Option {
  value: string;
  label: string;
}
