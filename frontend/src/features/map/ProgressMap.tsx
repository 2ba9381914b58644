import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ProgressRow } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate } from '../../router/router';
import { formatCount, formatPercent } from '../dashboard/format';
import { classOf, colourClasses, mapMode, type ColourClass } from './classes';
import communesText from './da_nang_communes.geojson?raw';
import { OFFSHORE_CODES, readCommunes, type CommuneFeature } from './geo';

// This module and the map's data are one chunk, loaded only where a map is shown
// (docs/places.md, "In the web app").
const COMMUNES = readCommunes(communesText);
const MAINLAND = COMMUNES.filter((f) => !OFFSHORE_CODES.has(f.properties.code));
const OFFSHORE = COMMUNES.filter((f) => OFFSHORE_CODES.has(f.properties.code));

// The drawing, in the svg's own units: the mainland on the left, the offshore inset on the right.
const WIDTH = 860;
const HEIGHT = 640;
const PAD = 10;
const MAIN: [[number, number], [number, number]] = [
  [PAD, PAD],
  [660, HEIGHT - PAD],
];
const INSET = { x: 680, y: PAD, width: 170, height: 150 };
const INSET_LABEL_SPACE = 40;

interface Drawn {
  feature: CommuneFeature;
  d: string;
  centroid: [number, number];
}

function draw(features: CommuneFeature[], projection: GeoProjection): Drawn[] {
  const path = geoPath(projection);
  return features.map((feature) => ({ feature, d: path(feature) ?? '', centroid: path.centroid(feature) as [number, number] }));
}

function useDrawing() {
  return useMemo(() => {
    const main = geoMercator().fitExtent(MAIN, { type: 'FeatureCollection', features: MAINLAND });
    const inset = geoMercator().fitExtent(
      [
        [INSET.x + PAD, INSET.y + PAD],
        [INSET.x + INSET.width - PAD, INSET.y + INSET.height - INSET_LABEL_SPACE],
      ],
      { type: 'FeatureCollection', features: OFFSHORE },
    );
    return { main: draw(MAINLAND, main), inset: draw(OFFSHORE, inset) };
  }, []);
}

interface Props {
  /** Progress by today's commune (`by=commune`); the row with `key: null` is the unallocated records. */
  rows: ProgressRow[];
  yearFrom: number;
  yearTo: number;
  /** Where a commune leads (the placement list filtered by it); none on the public page. */
  linkTo?: (code: string) => string;
}

/** A choropleth of progress by commune, with a legend, a tooltip and the same figures as a table. */
export default function ProgressMap({ rows, yearFrom, yearTo, linkTo }: Props) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const uid = useId();
  const drawing = useDrawing();
  const [tip, setTip] = useState<string | null>(null);

  const byCode = useMemo(() => new Map(rows.filter((r) => r.key !== null).map((r) => [r.key as string, r])), [rows]);
  const mode = mapMode(rows);
  const classes = useMemo(() => colourClasses(rows, mode), [rows, mode]);

  const figures = (feature: CommuneFeature) => {
    const row = byCode.get(feature.properties.code);
    return {
      name: feature.properties.name,
      actual: formatCount(i18n, row?.actual),
      target: formatCount(i18n, row?.target),
      percent: formatPercent(i18n, row?.percent),
    };
  };

  const classLabel = (c: ColourClass) => {
    if (mode === 'percent') {
      const pct = (n: number) => formatNumber(n / 100, { style: 'percent' });
      return c.max === null ? `≥ ${pct(c.min)}` : c.min === 0 ? `< ${pct(c.max)}` : `${pct(c.min)} – < ${pct(c.max)}`;
    }
    if (c.max === null) return `≥ ${formatNumber(c.min)}`;
    return c.min === c.max ? formatNumber(c.min) : `${formatNumber(c.min)}–${formatNumber(c.max)}`;
  };

  const follow = (code: string) => linkTo && navigate(linkTo(code));
  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, code: string) => {
    // A link follows on Enter (not Space, which scrolls the page).
    if (linkTo && event.key === 'Enter') {
      event.preventDefault();
      follow(code);
    }
  };

  const shape = ({ feature, d }: Drawn) => {
    const code = feature.properties.code;
    const c = classOf(byCode.get(code), mode, classes);
    return (
      <path
        key={code}
        d={d}
        className="progress-map__unit"
        fill={c?.fill ?? `url(#${uid}-no-data)`}
        data-code={code}
        data-testid="map-unit"
        tabIndex={0}
        role={linkTo ? 'link' : 'img'}
        aria-label={t('map.figures', figures(feature))}
        onMouseEnter={() => setTip(code)}
        onMouseLeave={() => setTip((x) => (x === code ? null : x))}
        onFocus={() => setTip(code)}
        onBlur={() => setTip((x) => (x === code ? null : x))}
        onClick={() => follow(code)}
        onKeyDown={(e) => onKeyDown(e, code)}
      />
    );
  };

  const all = [...drawing.main, ...drawing.inset];
  const shown = tip ? all.find((x) => x.feature.properties.code === tip) : undefined;
  const shownFigures = shown ? figures(shown.feature) : undefined;
  const offshoreName = OFFSHORE[0]?.properties.name ?? '';
  const tableRows = [...rows].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'vi')));

  return (
    <div className="progress-map">
      <p className="field__hint">{linkTo ? t('map.hintLinks') : t('map.desc')}</p>
      <div className="progress-map__frame">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="group"
          aria-labelledby={`${uid}-title`}
          aria-describedby={`${uid}-desc`}
          data-testid="progress-map"
        >
          <title id={`${uid}-title`}>{t('map.svgTitle')}</title>
          <desc id={`${uid}-desc`}>{t('map.desc')}</desc>
          <defs>
            <pattern id={`${uid}-no-data`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#f2f2f2" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#767676" strokeWidth="1.5" />
            </pattern>
          </defs>
          <g data-testid="map-main">{drawing.main.map(shape)}</g>
          <g data-testid="map-inset" className="progress-map__inset">
            <rect x={INSET.x} y={INSET.y} width={INSET.width} height={INSET.height} className="progress-map__inset-frame" />
            {drawing.inset.map(shape)}
            <text x={INSET.x + INSET.width / 2} y={INSET.y + INSET.height - 24} textAnchor="middle" className="progress-map__inset-label">
              {offshoreName}
            </text>
            <text x={INSET.x + INSET.width / 2} y={INSET.y + INSET.height - 9} textAnchor="middle" className="progress-map__inset-note">
              {t('map.insetNote')}
            </text>
          </g>
          {shown && <path d={shown.d} className="progress-map__highlight" aria-hidden="true" />}
        </svg>
        {shown && shownFigures && (
          <div
            className="progress-map__tooltip"
            aria-hidden="true"
            data-testid="map-tooltip"
            style={{ left: `${(shown.centroid[0] / WIDTH) * 100}%`, top: `${(shown.centroid[1] / HEIGHT) * 100}%` }}
          >
            <strong>{shownFigures.name}</strong>
            <span>
              {t('map.actual')}: {shownFigures.actual}
            </span>
            <span>
              {t('map.target')}: {shownFigures.target}
            </span>
            <span>
              {t('map.percent')}: {shownFigures.percent}
            </span>
          </div>
        )}
      </div>

      <div className="progress-map__legend" data-testid="map-legend">
        <h3 className="progress-map__legend-title">
          {t('map.legend')}: {mode === 'percent' ? t('map.legendPercent') : t('map.legendActual')}
        </h3>
        <ul>
          {classes.map((c) => (
            <li key={c.min}>
              <svg width="18" height="14" aria-hidden="true" focusable="false">
                <rect width="18" height="14" fill={c.fill} className="progress-map__swatch" />
              </svg>
              {classLabel(c)}
            </li>
          ))}
          <li>
            <svg width="18" height="14" aria-hidden="true" focusable="false">
              <rect width="18" height="14" fill={`url(#${uid}-no-data)`} className="progress-map__swatch" />
            </svg>
            {t('map.noData')}
          </li>
        </ul>
      </div>

      <details className="progress-map__table">
        <summary>{t('map.showTable')}</summary>
        <DataTable
          caption={t('map.tableCaption', { from: String(yearFrom), to: String(yearTo) })}
          rows={tableRows}
          rowKey={(row) => row.key ?? 'unallocated'}
          rowData={(row) => ({ 'data-key': row.key ?? '' })}
          compact
          testId="map-table"
          columns={[
            { label: t('map.unit'), rowHeader: true, cell: (row) => (row.key === null ? t('map.unallocated') : row.label) },
            {
              label: t('map.actual'),
              cell: (row) => formatCount(i18n, row.actual),
              numeric: true,
              cellData: (row) => ({ 'data-value': row.actual }),
            },
            { label: t('map.target'), cell: (row) => formatCount(i18n, row.target), numeric: true },
            { label: t('map.percent'), cell: (row) => formatPercent(i18n, row.percent), numeric: true },
          ]}
        />
      </details>
    </div>
  );
}
