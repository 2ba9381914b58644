import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { CHANNELS, PROGRAMMES } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { ListView } from '../../components/ListView';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { marketName } from '../markets/MarketTable';
import { useMarketList } from '../reference/api';
import { useAddCap, useEndCap, type CapBody, type CapKind, type DepositCap, type FeeCap } from './api';
import { ANY, flagsChangedText, useRuleWords } from './labels';

export type Cap = FeeCap | DepositCap;

const isFee = (cap: Cap): cap is FeeCap => 'cap_months_per_12' in cap;

/** The cap in words: months of salary per 12 months and at most (fees), đồng or none (deposits). */
function CapText({ cap }: { cap: Cap }) {
  const { t } = useI18n();
  const words = useRuleWords();
  if (isFee(cap)) {
    return <>{t('rules.feeCapMonths', { per12: words.months(cap.cap_months_per_12), max: words.months(cap.cap_months_max) })}</>;
  }
  return <>{cap.cap_vnd === null ? t('rules.noCap') : words.vnd(cap.cap_vnd)}</>;
}

/** Administrators: end a row on a day (its `valid_to`), when the law that set it changes. */
function EndCapForm({ kind, cap, onDone }: { kind: CapKind; cap: Cap; onDone: (changed: number | null | undefined) => void }) {
  const { t } = useI18n();
  const form = useForm({
    id: `end-${kind}-${cap.id}`,
    fields: { valid_to: t('rules.validTo') },
    draftKey: null,
    initial: () => ({ valid_to: cap.valid_to ?? '' }),
    mutation: useEndCap(kind, cap),
    toBody: (v) => ({ valid_to: v.valid_to || null }),
    afterSave: 'keep',
    onSaved: (saved) => onDone(saved.flags_changed),
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} />
      <TextField kit={form.kit} name="valid_to" label={t('rules.validTo')} hint={t('rules.validToHint')} type="date" />
      <div className="form-actions">
        <SubmitButton form={form}>{t('rules.endSave')}</SubmitButton>
      </div>
    </form>
  );
}

/** Administrators: a new cap row for a market or any, a programme or any, a channel or any. */
function AddCapForm({ kind, onSaved }: { kind: CapKind; onSaved: (changed: number | null | undefined) => void }) {
  const { t, tv, lang } = useI18n();
  const markets = useMarketList().data ?? [];
  const fee = kind === 'fee-caps';
  const capFields: Record<string, string> = fee
    ? { cap_months_per_12: t('rules.capPer12'), cap_months_max: t('rules.capMax') }
    : { cap_vnd: t('rules.capVnd') };
  const form = useForm({
    id: kind,
    fields: {
      market_code: t('rules.market'),
      programme: t('rules.programme'),
      channel: t('rules.channel'),
      ...capFields,
      valid_from: t('rules.validFrom'),
      valid_to: t('rules.validTo'),
      source: t('rules.source'),
      note: t('rules.note'),
    },
    draftKey: `rules.${kind}.new`,
    initial: () => ({ market_code: ANY, programme: ANY, channel: ANY, valid_from: '', valid_to: '', source: '', note: '' }),
    mutation: useAddCap(),
    toBody: (v, numbers): CapBody => {
      const key = {
        market_code: v.market_code || ANY,
        programme: v.programme || ANY,
        channel: v.channel || ANY,
        valid_from: v.valid_from ?? '',
        valid_to: v.valid_to || null,
        note: (v.note ?? '').trim(),
        source: (v.source ?? '').trim(),
      };
      if (fee) {
        return {
          kind: 'fee-caps',
          body: {
            ...key,
            cap_months_per_12: numbers.decimal('cap_months_per_12', v.cap_months_per_12 ?? '') ?? '',
            cap_months_max: numbers.decimal('cap_months_max', v.cap_months_max ?? '') ?? '',
          },
        };
      }
      // An empty deposit cap is a row saying no cap is known (docs/law.md).
      const text = (v.cap_vnd ?? '').trim();
      return { kind: 'deposit-caps', body: { ...key, cap_vnd: text ? numbers.integer('cap_vnd', text) : null } };
    },
    variables: (cap, idempotencyKey) => ({ cap, idempotencyKey }),
    afterSave: 'reset',
    onSaved: (saved) => onSaved(saved.flags_changed),
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} />
      <div className="form-grid">
        <SelectField
          kit={form.kit}
          name="market_code"
          label={t('rules.market')}
          required
          options={[{ value: ANY, label: t('rules.anyMarket') }, ...markets.map((m) => ({ value: m.code, label: marketName(m, lang) }))]}
        />
        <SelectField
          kit={form.kit}
          name="programme"
          label={t('rules.programme')}
          required
          options={[{ value: ANY, label: t('rules.anyProgramme') }, ...PROGRAMMES.map((p) => ({ value: p, label: tv('programme', p) }))]}
        />
        <SelectField
          kit={form.kit}
          name="channel"
          label={t('rules.channel')}
          required
          options={[{ value: ANY, label: t('rules.anyChannel') }, ...CHANNELS.map((c) => ({ value: c, label: tv('channel', c) }))]}
        />
        {fee ? (
          <>
            <TextField kit={form.kit} name="cap_months_per_12" label={t('rules.capPer12')} required inputMode="decimal" autoComplete="off" />
            <TextField kit={form.kit} name="cap_months_max" label={t('rules.capMax')} required inputMode="decimal" autoComplete="off" />
          </>
        ) : (
          <TextField kit={form.kit} name="cap_vnd" label={t('rules.capVnd')} hint={t('rules.capVndHint')} inputMode="numeric" autoComplete="off" />
        )}
        <TextField kit={form.kit} name="valid_from" label={t('rules.validFrom')} required type="date" />
        <TextField kit={form.kit} name="valid_to" label={t('rules.validTo')} hint={t('rules.validToHint')} type="date" />
        <TextField kit={form.kit} name="source" label={t('rules.source')} required autoComplete="off" />
        <TextAreaField kit={form.kit} name="note" label={t('rules.note')} rows={2} />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('rules.add')}</SubmitButton>
      </div>
    </form>
  );
}

/** One kind of cap: its rows in force (or all), and for administrators the end and the new row. */
export function CapSection({ kind, query, admin }: { kind: CapKind; query: UseQueryResult<Cap[], Error>; admin: boolean }) {
  const { t } = useI18n();
  const words = useRuleWords();
  const [ending, setEnding] = useState<Cap | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fee = kind === 'fee-caps';
  const title = fee ? t('rules.feeCaps') : t('rules.depositCaps');
  const headingId = `rules-${kind}`;
  const keyWords = (cap: Cap) => `${words.market(cap.market_code)}, ${words.programme(cap.programme)}, ${words.channel(cap.channel)}`;

  const columns: (Column<Cap> | false)[] = [
    {
      label: t('rules.key'),
      rowHeader: true,
      cell: (cap) => (
        <>
          {words.market(cap.market_code)}
          <br />
          <span className="rule-key__detail">
            {words.programme(cap.programme)} · {words.channel(cap.channel)}
          </span>
        </>
      ),
    },
    { label: fee ? t('rules.feeCap') : t('rules.depositCap'), cell: (cap) => <CapText cap={cap} /> },
    { label: t('rules.period'), cell: (cap) => words.period(cap.valid_from, cap.valid_to) },
    { label: t('rules.source'), cell: (cap) => cap.source },
    { label: t('rules.note'), cell: (cap) => cap.note || t('common.none') },
    admin && {
      label: t('common.actions'),
      cell: (cap) => (
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => {
            setDone(null);
            setEnding(cap);
          }}
          aria-label={t('rules.endNamed', { key: keyWords(cap), period: words.period(cap.valid_from, cap.valid_to) })}
        >
          {t('rules.end')}
        </button>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div aria-live="polite">
        {done && (
          <p className="alert alert--success" role="status">
            {done}
          </p>
        )}
      </div>
      <ListView<Cap> query={query} empty={t('rules.emptyCaps')}>
        {(rows) => (
          <DataTable caption={title} rows={rows} rowKey={(cap) => cap.id} rowData={(cap) => ({ 'data-rule': cap.id })} columns={columns} />
        )}
      </ListView>
      {admin && (
        <>
          <Dialog open={ending !== null} title={t('rules.endTitle')} onClose={() => setEnding(null)}>
            {ending && (
              <>
                <p>
                  {keyWords(ending)} — {words.period(ending.valid_from, ending.valid_to)}
                </p>
                <EndCapForm
                  kind={kind}
                  cap={ending}
                  onDone={(changed) => {
                    setEnding(null);
                    setDone(`${t('rules.ended')} ${flagsChangedText(t, changed)}`);
                  }}
                />
              </>
            )}
          </Dialog>
          <details className="card section">
            <summary>{fee ? t('rules.addFeeCap') : t('rules.addDepositCap')}</summary>
            <AddCapForm kind={kind} onSaved={(changed) => setDone(`${t('rules.added')} ${flagsChangedText(t, changed)}`)} />
          </details>
        </>
      )}
    </section>
  );
}
