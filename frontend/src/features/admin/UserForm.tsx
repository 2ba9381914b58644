import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type User } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { useDraft } from '../../forms/useDraft';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useCreateUser, useUpdateUser, type NewUser } from './api';

const FIELDS = ['username', 'full_name', 'role', 'agency_id', 'active', 'password'] as const;

/** The account's fields; the password is never kept in the draft. */
function UserFields({ kit, creating, password, setPassword }: { kit: FormKit; creating: boolean; password: string; setPassword: (p: string) => void }) {
  const { t, tv } = useI18n();
  const names = useNames();
  const passwordKit: FormKit = { ...kit, values: { password }, set: (_, v) => setPassword(v) };
  return (
    <div className="form-grid">
      {creating && <TextField kit={kit} name="username" label={t('users.username')} required autoComplete="off" />}
      <TextField kit={kit} name="full_name" label={t('users.fullName')} autoComplete="off" />
      <SelectField kit={kit} name="role" label={t('users.role')} required options={ROLES.map((r) => ({ value: r, label: tv('role', r) }))} />
      {kit.values.role === 'agency' && (
        <SelectField
          kit={kit}
          name="agency_id"
          label={t('users.agency')}
          required
          placeholder={t('form.choose')}
          options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        />
      )}
      {!creating && (
        <SelectField
          kit={kit}
          name="active"
          label={t('users.active')}
          options={[
            { value: 'true', label: t('users.activeYes') },
            { value: 'false', label: t('users.activeNo') },
          ]}
        />
      )}
      <TextField
        kit={passwordKit}
        name="password"
        label={creating ? t('users.password') : t('users.newPassword')}
        hint={t('users.passwordHint')}
        required={creating}
        type="password"
        autoComplete="new-password"
      />
    </div>
  );
}

export function NewUserForm() {
  const { t } = useI18n();
  const draft = useDraft<FormValues>('user.new', () => ({ role: 'officer' }));
  const [password, setPassword] = useState('');
  const create = useCreateUser();
  const keyFor = useIdempotencyKey();
  const mapped = errorsFor(create.error, FIELDS);
  const labels = { username: t('users.username'), full_name: t('users.fullName'), role: t('users.role'), agency_id: t('users.agency'), password: t('users.password') };
  const kit: FormKit = { id: 'user-new', values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    const body: NewUser = {
      username: (v.username ?? '').trim(),
      full_name: (v.full_name ?? '').trim(),
      role: v.role as Role,
      agency_id: v.role === 'agency' && v.agency_id ? Number(v.agency_id) : null,
      password,
      active: true,
    };
    create.mutate(
      { body, idempotencyKey: keyFor(body) },
      {
        onSuccess: () => {
          draft.discard();
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {create.isError && <ErrorSummary formId="user-new" error={create.error} mapped={mapped} labels={labels} />}
      {create.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('users.created', { username: create.data.username })}
        </p>
      )}
      <UserFields kit={kit} creating password={password} setPassword={setPassword} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('form.saving') : t('users.create')}
        </button>
      </div>
    </form>
  );
}

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const draft = useDraft<FormValues>(`user.edit.${user.id}`, () => ({
    full_name: user.full_name,
    role: user.role,
    agency_id: user.agency_id === null ? '' : String(user.agency_id),
    active: String(user.active),
  }));
  const [password, setPassword] = useState('');
  const update = useUpdateUser(user.id);
  const mapped = errorsFor(update.error, FIELDS);
  const labels = { full_name: t('users.fullName'), role: t('users.role'), agency_id: t('users.agency'), active: t('users.active'), password: t('users.newPassword') };
  const kit: FormKit = { id: `user-${user.id}`, values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    update.mutate(
      {
        full_name: (v.full_name ?? '').trim(),
        role: v.role as Role,
        agency_id: v.role === 'agency' && v.agency_id ? Number(v.agency_id) : null,
        active: v.active === 'true',
        ...(password ? { password } : {}),
      },
      {
        onSuccess: () => {
          draft.clear();
          onDone();
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {update.isError && <ErrorSummary formId={`user-${user.id}`} error={update.error} mapped={mapped} labels={labels} />}
      <UserFields kit={kit} creating={false} password={password} setPassword={setPassword} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}
