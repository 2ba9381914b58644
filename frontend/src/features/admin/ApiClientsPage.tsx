import { useId, useState } from 'react';
import { CLIENT_ROLES as API_CLIENT_ROLES, firstOf, type ApiClientCreated, type ApiClientRead } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useApiClients, useCreateApiClient, useRevokeApiClient, type NewApiClient } from './api';
import { SecretDialog } from './SecretDialog';

// Most clients are an enterprise's own software: that role comes first and is the default.
const CLIENT_ROLES = firstOf(API_CLIENT_ROLES, 'agency');

function NewClientForm({ onCreated }: { onCreated: (client: ApiClientCreated) => void }) {
  const { t, tv } = useI18n();
  const names = useNames();
  const form = useForm({
    id: 'client-new',
    fields: { name: t('clients.name'), role: t('users.role'), agency_id: t('users.agency') },
    draftKey: 'api-client.new',
    initial: () => ({ role: 'agency' }),
    mutation: useCreateApiClient(),
    toBody: (v): NewApiClient => ({
      name: (v.name ?? '').trim(),
      role: v.role as NewApiClient['role'],
      agency_id: v.role === 'agency' && v.agency_id ? Number(v.agency_id) : null,
    }),
    afterSave: 'reset',
    onSaved: onCreated,
  });
  const { kit, labels } = form;
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} />
      <div className="form-grid">
        <TextField kit={kit} name="name" label={labels.name} required />
        <SelectField kit={kit} name="role" label={labels.role} required options={CLIENT_ROLES.map((r) => ({ value: r, label: tv('role', r) }))} />
        {form.values.role === 'agency' && (
          <SelectField
            kit={kit}
            name="agency_id"
            label={labels.agency_id}
            required
            placeholder={t('form.choose')}
            options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
          />
        )}
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('clients.create')}</SubmitButton>
      </div>
    </form>
  );
}

function RevokeButton({ client }: { client: ApiClientRead }) {
  const { t } = useI18n();
  const revoke = useRevokeApiClient();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(true)}>
        {t('clients.revoke')}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span>{t('clients.revokeConfirm', { name: client.name })}</span>{' '}
      <button type="button" className="button button--small button--danger" disabled={revoke.isPending} onClick={() => revoke.mutate(client.id)}>
        {t('clients.revokeYes')}
      </button>{' '}
      <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(false)}>
        {t('form.cancel')}
      </button>
      {revoke.isError && <ErrorAlert error={revoke.error} />}
    </span>
  );
}

export default function ApiClientsPage() {
  const { t, tv, formatDateTime } = useI18n();
  const names = useNames();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const query = useApiClients(includeRevoked);
  const [created, setCreated] = useState<ApiClientCreated | null>(null);
  const toggleId = useId();

  return (
    <Page title={t('clients.title')} lead={t('clients.intro')}>
      <div className="checkbox">
        <input id={toggleId} type="checkbox" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} />
        <label htmlFor={toggleId}>{t('clients.includeRevoked')}</label>
      </div>
      <ListView query={query} empty={t('common.empty')} plainEmpty>
        {(clients) => (
          <DataTable
            caption={t('clients.title')}
            rows={clients}
            rowKey={(client) => client.id}
            columns={[
              { label: t('clients.name'), rowHeader: true, cell: (client) => client.name },
              { label: t('clients.clientId'), cellClassName: 'code', cell: (client) => client.client_id },
              { label: t('users.role'), cell: (client) => tv('role', client.role) },
              { label: t('users.agency'), cell: (client) => names.agency(client.agency_id) || t('common.none') },
              { label: t('clients.createdAt'), cell: (client) => formatDateTime(client.created_at) },
              {
                label: t('common.actions'),
                cell: (client) =>
                  client.revoked_at ? (
                    <span className="badge badge--revoked">{t('clients.revokedAt', { date: formatDateTime(client.revoked_at) })}</span>
                  ) : (
                    <RevokeButton client={client} />
                  ),
              },
            ]}
          />
        )}
      </ListView>

      <section className="section card" aria-labelledby="clients-new">
        <h2 id="clients-new">{t('clients.newTitle')}</h2>
        <NewClientForm onCreated={setCreated} />
      </section>

      <SecretDialog client={created} onClose={() => setCreated(null)} />
    </Page>
  );
}
