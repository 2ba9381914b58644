import { useEffect, type ReactNode } from 'react';
import { isNotFound } from '../../api/errors';
import type { Agency, Inspection } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { translate, type MessageKey, type Params } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useParams } from '../../router/router';
import { useAgency } from '../agencies/api';
import { useInspection } from './api';
import { printDay } from './procedure';

/**
 * The records are Vietnamese administrative documents: their text is Vietnamese whatever the
 * app's language (the English dictionary carries the same keys for reference).
 */
export const vi = (key: MessageKey, params?: Params) => translate('vi', key, params);

interface HeadProps {
  number: string | null;
  day: string | null;
  title: string;
  subtitle: string;
}

/**
 * The head of an administrative document as Decree 30/2020/NĐ-CP Appendix I lays it out: the
 * issuing body and the number at top left, the national motto at top right with the place and
 * date line under it, then the title in capitals.
 */
export function DocumentHead({ number, day, title, subtitle }: HeadProps) {
  return (
    <>
      <div className="print-head">
        <div className="print-head__issuer">
          <p>{vi('print.parentBody')}</p>
          <p className="print-strong">{vi('print.issuer')}</p>
          <p className="print-rule" aria-hidden="true" />
          <p>{vi('print.number', { number: number ?? '…' })}</p>
        </div>
        <div className="print-head__motto">
          <p className="print-strong">{vi('print.motto1')}</p>
          <p className="print-strong print-underlined">{vi('print.motto2')}</p>
          <p className="print-place">{vi('print.placeDate', { date: day ? printDay(day) : vi('print.dateBlank') })}</p>
        </div>
      </div>
      <h2 className="print-title">{title}</h2>
      <p className="print-subtitle">{subtitle}</p>
    </>
  );
}

/** A signature block: the role in capitals and the name, with room to sign on paper. */
export function SignatureBlock({ role, name }: { role: string; name: string | null }) {
  return (
    <div className="print-sign">
      <p className="print-strong">{role}</p>
      <p className="print-sign__hint">{vi('print.signHere')}</p>
      <p className="print-sign__name">{name ?? ''}</p>
    </div>
  );
}

/**
 * A print view: a toolbar (hidden on paper) with the print button and the way back, and the
 * document marked as generated from the registry, without seal or signature.
 */
function PrintFrame({ inspection, title, children }: { inspection: Inspection; title: string; children: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);
  return (
    <Page title={title}>
      <div className="print-toolbar">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <Link to={`/inspections/${inspection.id}`} className="button button--secondary">
          {t('print.back')}
        </Link>
        <p className="field__hint">{t('print.help')}</p>
      </div>
      <article className="print-doc" lang="vi" aria-label={title}>
        {children}
        <p className="print-generated">{vi('print.generated')}</p>
      </article>
    </Page>
  );
}

/** Loads the inspection and its enterprise, then draws the document or says what is missing. */
export function PrintPage({
  title,
  missing,
  render,
}: {
  title: string;
  missing: (inspection: Inspection) => string | null;
  render: (inspection: Inspection, agency: Agency | undefined) => ReactNode;
}) {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const inspection = useInspection(id);
  const agency = useAgency(inspection.data?.agency_id ?? Number.NaN);
  if (!Number.isInteger(id) || isNotFound(inspection.error)) {
    return (
      <Page title={t('inspections.notFound')}>
        <p>
          <Link to="/inspections">{t('inspections.backToList')}</Link>
        </p>
      </Page>
    );
  }
  if (inspection.isPending || (agency.isPending && agency.fetchStatus !== 'idle')) return <Loading />;
  if (inspection.isError) return <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />;
  const why = missing(inspection.data);
  if (why) {
    return (
      <Page title={title}>
        <p>{why}</p>
        <p>
          <Link to={`/inspections/${inspection.data.id}`}>{t('print.back')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <PrintFrame inspection={inspection.data} title={title}>
      {render(inspection.data, agency.data)}
    </PrintFrame>
  );
}
