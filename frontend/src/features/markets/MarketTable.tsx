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
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('markets.code')}</th>
          <th scope="col">{t('markets.name')}</th>
          <th scope="col">{t('markets.tier')}</th>
          <th scope="col">{t('markets.programmes')}</th>
        </tr>
      </thead>
      <tbody>
        {markets.map((market) => (
          <tr key={market.code}>
            <td data-label={t('markets.code')}>
              <span className="code">{market.code}</span>
            </td>
            <th scope="row" data-label={t('markets.name')}>
              <Link to={`/markets/${market.code}`}>{marketName(market, lang)}</Link>
            </th>
            <td data-label={t('markets.tier')}>
              <TierBadge tier={market.tier} />
            </td>
            <td data-label={t('markets.programmes')}>
              {programmes(market.programmes)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
