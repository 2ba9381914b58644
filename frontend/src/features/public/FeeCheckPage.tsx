import { useId, useState } from 'react';
import { CHANNELS, PROGRAMMES } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextField } from '../../components/form/Field';
import { FormMessages } from '../../components/form/FormParts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { AgencyStatusBadge } from '../agencies/AgencyStatusBadge';
import { useDebounced } from '../areas/api';
import { marketName } from '../markets/MarketTable';
import { usePublicAgencySearch, usePublicMarkets, useFeeCheck } from './api';
import { CURRENCIES, feeCheckQuery, initialFeeCheckValues, onMarketChosen, type FeeCheckQuery } from './feeCheck';
import { FeeCheckResult } from './FeeCheckResult';

const SEARCH_DEBOUNCE_MS = 300;

function FeeCheckForm() {
  const { t, lang, tv } = useI18n();
  const markets = usePublicMarkets();
  const mutation = useFeeCheck();
  const form = useForm<FeeCheckQuery, FeeCheckQuery, unknown>({
    id: 'fee-check',
    fields: {
      market_code: t('feeCheck.market'),
      programme: t('feeCheck.programme'),
      channel: t('feeCheck.channel'),
      monthly_salary: t('feeCheck.salary'),
      salary_currency: t('feeCheck.currency'),
      contract_months: t('feeCheck.months'),
      on: t('feeCheck.on'),
    },
    draftKey: null,
    initial: initialFeeCheckValues,
    mutation,
    toBody: feeCheckQuery,
    afterSave: 'keep',
  });
  const list = markets.data ?? [];
  const market = list.find((m) => m.code === form.values.market_code);
  const askedMarket = list.find((m) => m.code === mutation.variables?.market_code);
  const programmes = market?.programmes.length ? PROGRAMMES.filter((p) => market.programmes.includes(p)) : PROGRAMMES;
  const currencies = [...CURRENCIES];
  if (form.values.salary_currency && !currencies.includes(form.values.salary_currency as (typeof CURRENCIES)[number])) {
    currencies.push(form.values.salary_currency as (typeof CURRENCIES)[number]);
  }
  const kit = {
    ...form.kit,
    set: (name: string, value: string) => {
      if (name === 'market_code') {
        const chosen = list.find((m) => m.code === value);
        form.set(onMarketChosen(form.values, value, chosen?.programmes ?? []));
      } else form.kit.set(name, value);
    },
  };

  return (
    <>
      <form className="form fee-form" onSubmit={form.onSubmit} noValidate>
        <FormMessages form={form} />
        {markets.isError && <ErrorAlert error={markets.error} onRetry={() => void markets.refetch()} />}
        <div className="form-grid">
          <SelectField
            kit={kit}
            name="market_code"
            label={t('feeCheck.market')}
            required
            placeholder={t('form.choose')}
            options={list.map((m) => ({ value: m.code, label: marketName(m, lang) }))}
          />
          <SelectField
            kit={kit}
            name="programme"
            label={t('feeCheck.programme')}
            hint={t('feeCheck.programmeHint')}
            placeholder={t('feeCheck.programmeAny')}
            options={programmes.map((p) => ({ value: p, label: tv('programme', p) }))}
          />
          <SelectField
            kit={kit}
            name="channel"
            label={t('feeCheck.channel')}
            required
            options={CHANNELS.map((c) => ({ value: c, label: t(`feeCheck.channel.${c}`) }))}
          />
          <TextField
            kit={kit}
            name="monthly_salary"
            label={t('feeCheck.salary')}
            hint={t('feeCheck.salaryHint')}
            required
            inputMode="decimal"
            autoComplete="off"
          />
          <SelectField
            kit={kit}
            name="salary_currency"
            label={t('feeCheck.currency')}
            required
            placeholder={t('form.choose')}
            options={currencies.map((c) => ({ value: c, label: c }))}
          />
          <TextField kit={kit} name="contract_months" label={t('feeCheck.months')} required inputMode="numeric" autoComplete="off" />
          <TextField kit={kit} name="on" label={t('feeCheck.on')} hint={t('feeCheck.onHint')} type="date" />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('feeCheck.checking') : t('feeCheck.submit')}
          </button>
        </div>
      </form>

      <section className="section" aria-labelledby="fee-result-title">
        <h2 id="fee-result-title">{t('feeCheck.resultTitle')}</h2>
        <div aria-live="polite" aria-atomic="true">
          {mutation.isPending && <Loading />}
          {mutation.isSuccess && mutation.variables && (
            <FeeCheckResult
              answer={mutation.data}
              query={mutation.variables}
              marketLabel={askedMarket ? marketName(askedMarket, lang) : undefined}
            />
          )}
          {mutation.isIdle && <p className="note">{t('feeCheck.resultEmpty')}</p>}
        </div>
      </section>
    </>
  );
}

function AgencyLookup() {
  const { t } = useI18n();
  const inputId = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const search = usePublicAgencySearch(q);
  const items = search.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="agency-lookup">
      <h2 id="agency-lookup">{t('feeCheck.agencyTitle')}</h2>
      <p>{t('feeCheck.agencyIntro')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('feeCheck.agencySearch')}</label>
        <input id={inputId} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      </div>
      <div aria-live="polite">
        {q !== '' && search.isPending && <Loading />}
        {search.isError && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
        {search.isSuccess && q !== '' && items.length === 0 && <p>{t('feeCheck.agencyNone', { q })}</p>}
        {search.isSuccess && items.length > 0 && (
          <DataTable
            caption={t('feeCheck.agencyCaption', { q })}
            scroll={false}
            rows={items}
            rowKey={(agency) => agency.licence_no}
            columns={[
              { label: t('agencies.name'), rowHeader: true, cell: (agency) => agency.name },
              { label: t('agencies.licenceNo'), cell: (agency) => agency.licence_no },
              { label: t('agencies.status'), cell: (agency) => <AgencyStatusBadge status={agency.status} /> },
            ]}
          />
        )}
        {search.isSuccess && search.data.next_cursor && <p className="note">{t('feeCheck.agencyMore', { count: items.length })}</p>}
      </div>
    </section>
  );
}

export default function FeeCheckPage() {
  const { t } = useI18n();
  return (
    <Page title={t('feeCheck.title')} lead={t('feeCheck.intro')} narrow>
      <FeeCheckForm />
      <AgencyLookup />
      <p className="note">
        {t('feeCheck.disclaimer')} <Link to="/">{t('nav.public')}</Link>
      </p>
    </Page>
  );
}
