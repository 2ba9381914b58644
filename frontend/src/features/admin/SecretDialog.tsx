import { useState } from 'react';
import type { ApiClientCreated } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/I18nProvider';

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="copy-field">
      <p className="copy-field__label">{label}</p>
      <code className="copy-field__value" data-testid={testId}>
        {value}
      </code>
      <button type="button" className="button button--small button--secondary" onClick={() => void copy()}>
        {copied ? t('clients.copied') : t('clients.copy', { what: label })}
      </button>
    </div>
  );
}

/** The new client's secret, shown once: the API keeps only its hash. */
export function SecretDialog({ client, onClose }: { client: ApiClientCreated | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open={client !== null} title={t('clients.secretTitle')} onClose={onClose}>
      {client && (
        <>
          <p className="alert alert--warning">{t('clients.secretOnce')}</p>
          <CopyField label={t('clients.clientId')} value={client.client_id} testId="client-id" />
          <CopyField label={t('clients.secret')} value={client.client_secret} testId="client-secret" />
        </>
      )}
    </Dialog>
  );
}
