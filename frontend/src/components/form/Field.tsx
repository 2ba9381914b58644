import type { InputHTMLAttributes, ReactNode } from 'react';
import { fieldInputId } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import { FieldErrorText } from './FieldErrorText';
import type { FormKit, Option } from './kit';

export interface ShellProps {
  kit: FormKit;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-required'?: true;
}

/** Label, hint and errors around one control, wired together for assistive technology. */
export function FieldShell({ kit, name, label, hint, required, className, children }: ShellProps) {
  const { t } = useI18n();
  const id = fieldInputId(kit.id, name);
  const errors = kit.errors[name];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors?.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldErrorText id={`${id}-error`} errors={errors} labels={{ ...kit.labels, [name]: label }} />
      {children({
        id,
        name,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': required ? true : undefined,
      })}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange' | 'id' | 'required'>;

export function TextField({
  kit,
  name,
  label,
  hint,
  required,
  className,
  ...input
}: Omit<ShellProps, 'children'> & InputProps) {
  return (
    <FieldShell kit={kit} name={name} label={label} hint={hint} required={required} className={className}>
      {(control) => (
        <input {...input} {...control} value={kit.values[name] ?? ''} onChange={(e) => kit.set(name, e.target.value)} />
      )}
    </FieldShell>
  );
}

export function SelectField({
  kit,
  name,
  label,
  hint,
  required,
  className,
  options,
  placeholder,
}: Omit<ShellProps, 'children'> & { options: Option[]; placeholder?: string }) {
  return (
    <FieldShell kit={kit} name={name} label={label} hint={hint} required={required} className={className}>
      {(control) => (
        <select {...control} value={kit.values[name] ?? ''} onChange={(e) => kit.set(name, e.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  kit,
  name,
  label,
  hint,
  required,
  className,
  rows = 3,
}: Omit<ShellProps, 'children'> & { rows?: number }) {
  return (
    <FieldShell kit={kit} name={name} label={label} hint={hint} required={required} className={className}>
      {(control) => (
        <textarea {...control} rows={rows} value={kit.values[name] ?? ''} onChange={(e) => kit.set(name, e.target.value)} />
      )}
    </FieldShell>
  );
}

/** Several choices stored as one comma-separated value (e.g. the worker's policy groups). */
export function CheckboxGroupField({
  kit,
  name,
  legend,
  options,
  className,
}: {
  kit: FormKit;
  name: string;
  legend: string;
  options: Option[];
  className?: string;
}) {
  const id = fieldInputId(kit.id, name);
  const chosen = new Set((kit.values[name] ?? '').split(',').filter(Boolean));
  const errors = kit.errors[name];
  const toggle = (value: string, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : chosen.has(v)));
    kit.set(name, next.join(','));
  };
  return (
    <fieldset
      className={`field field--group${errors?.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}
      id={id}
      tabIndex={-1}
      aria-describedby={errors?.length ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <FieldErrorText id={`${id}-error`} errors={errors} labels={{ ...kit.labels, [name]: legend }} />
      <div className="checkbox-grid">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={chosen.has(option.value)}
              onChange={(e) => toggle(option.value, e.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
