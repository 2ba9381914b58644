import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';

export interface MarketRow {
  code: string;
  name_vi: string;
  name_en: string;
  tier: string;
  programmes?: string[] | null;
}

export function marketName(market: MarketRow, lang: string): string {
  return lang === 'en' ? market.name_en : market.name_vi;
}

/** Programme codes as a comma-separated list; acronyms (TITP, SSW, EPS) stay as they are. */
export function useProgrammeList() {
  const { t, tv } = useI18n();
  return (programmes: string[] | null | undefined) =>
    programmes?.length ? programmes.map((p) => tv('programme', p)).join(', ') : t('common.none');
}

export function TierBadge({ tier }: { tier: string }) {
  const { tv } = useI18n();
  return <span className={`badge badge--${tier}`}>{tv('tier', tier)}</span>;
}

/** Markets as a table on wide screens and as stacked rows on phones (see styles.css). */
export function MarketTable({ markets, caption }: { markets: MarketRow[]; caption: string }) {
  const { t, lang } = useI18n();
  const programmes = useProgrammeList();
  return (
    <DataTable
      caption={caption}
      scroll={false}
      rows={markets}
      rowKey={(market) => market.code}
      columns={[
        { label: t('markets.code'), cell: (market) => <span className="code">{market.code}</span> },
        { label: t('markets.name'), rowHeader: true, cell: (market) => <Link to={`/markets/${market.code}`}>{marketName(market, lang)}</Link> },
        { label: t('markets.tier'), cell: (market) => <TierBadge tier={market.tier} /> },
        { label: t('markets.programmes'), cell: (market) => programmes(market.programmes) },
      ]}
    />
  );
}
