import { ROLES, type Role, type User } from '../../api/types';
import { ConfirmDialog, useConfirmedSubmit } from '../../components/ConfirmDialog';
import { SelectField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { FormKit, FormValues } from '../../components/form/kit';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useCreateUser, useUpdateUser, type NewUser, type UserChange } from './api';

/** The password is never kept in the draft. */
const SECRET = ['password'];

/** The account's fields. */
function UserFields({ kit, creating }: { kit: FormKit; creating: boolean }) {
  const { t, tv } = useI18n();
  const names = useNames();
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
        kit={kit}
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

/** The enterprise of an enterprise account; no other role has one. */
const agencyOf = (v: FormValues) => (v.role === 'agency' && v.agency_id ? Number(v.agency_id) : null);

export function NewUserForm() {
  const { t } = useI18n();
  const form = useForm({
    id: 'user-new',
    fields: {
      username: t('users.username'),
      full_name: t('users.fullName'),
      role: t('users.role'),
      agency_id: t('users.agency'),
      password: t('users.password'),
    },
    draftKey: 'user.new',
    initial: () => ({ role: 'officer' }),
    secret: SECRET,
    mutation: useCreateUser(),
    toBody: (v): NewUser => ({
      username: (v.username ?? '').trim(),
      full_name: (v.full_name ?? '').trim(),
      role: v.role as Role,
      agency_id: agencyOf(v),
      password: v.password ?? '',
      active: true,
    }),
    variables: withIdempotencyKey,
    afterSave: 'reset',
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={(user) => t('users.created', { username: user.username })} />
      <UserFields kit={form.kit} creating />
      <div className="form-actions">
        <SubmitButton form={form}>{t('users.create')}</SubmitButton>
      </div>
    </form>
  );
}

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const form = useForm({
    id: `user-${user.id}`,
    fields: {
      full_name: t('users.fullName'),
      role: t('users.role'),
      agency_id: t('users.agency'),
      active: t('users.active'),
      password: t('users.newPassword'),
    },
    draftKey: `user.edit.${user.id}`,
    initial: () => ({
      full_name: user.full_name,
      role: user.role,
      agency_id: user.agency_id === null ? '' : String(user.agency_id),
      active: String(user.active),
    }),
    secret: SECRET,
    mutation: useUpdateUser(user.id),
    toBody: (v): UserChange => ({
      full_name: (v.full_name ?? '').trim(),
      role: v.role as Role,
      agency_id: agencyOf(v),
      active: v.active === 'true',
      ...(v.password ? { password: v.password } : {}),
    }),
    afterSave: 'keep',
    onSaved: onDone,
  });
  // Deactivating ends the user's access at once (docs/security.md): asked first.
  const confirm = useConfirmedSubmit(() => user.active && form.values.active === 'false', form.onSubmit);

  return (
    <form className="form" onSubmit={confirm.onSubmit} ref={confirm.formRef} noValidate>
      <ConfirmDialog
        {...confirm.dialog}
        title={t('users.confirmDeactivateTitle', { username: user.username })}
        confirmLabel={t('users.confirmDeactivateButton')}
      >
        <p>{t('users.confirmDeactivateWhat', { username: user.username })}</p>
        <p>
          <strong>{t('users.confirmDeactivateFinal')}</strong>
        </p>
      </ConfirmDialog>
      <FormMessages form={form} />
      <UserFields kit={form.kit} creating={false} />
      <div className="form-actions">
        <SubmitButton form={form}>{t('form.save')}</SubmitButton>
      </div>
    </form>
  );
}
