import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

// The commune-level units of Đà Nẵng from 2025-07-01 as a map (docs/places.md, "In the web
// app"). The file follows RFC 7946: exterior rings counter-clockwise, holes clockwise. d3-geo
// reads rings on the sphere the other way round (an exterior ring is clockwise), and takes a
// counter-clockwise ring for "the whole globe but this polygon" — a map that fills its frame.

export interface CommuneProps {
  code: string;
  name: string;
}

export type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneProps>;
export type CommuneCollection = FeatureCollection<Polygon | MultiPolygon, CommuneProps>;

/** Twice the signed area of a ring in the plane (longitude right, latitude up): > 0 when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum;
}

/** The ring turning the way d3-geo wants it: clockwise for an exterior ring, counter-clockwise for a hole. */
function orient(ring: Position[], exterior: boolean): Position[] {
  const clockwise = signedArea(ring) < 0;
  return clockwise === exterior ? ring : [...ring].reverse();
}

function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => orient(ring, i === 0));
}

/** The feature with its rings wound for d3-geo, whatever winding it came with. */
export function rewindForD3<F extends Feature<Polygon | MultiPolygon, P>, P>(feature: F): F {
  const geometry = feature.geometry;
  const rewound: Polygon | MultiPolygon =
    geometry.type === 'Polygon'
      ? { ...geometry, coordinates: rewindPolygon(geometry.coordinates) }
      : { ...geometry, coordinates: geometry.coordinates.map(rewindPolygon) };
  return { ...feature, geometry: rewound };
}

/** The map's features, read from the GeoJSON text and wound for d3-geo. */
export function readCommunes(text: string): CommuneFeature[] {
  const collection = JSON.parse(text) as CommuneCollection;
  return collection.features.map((feature) =>
    rewindForD3({ ...feature, properties: { code: String(feature.properties.code), name: feature.properties.name } }),
  );
}

/** Đặc khu Hoàng Sa lies ~270 km offshore: it is drawn in an inset of its own, not in the main fit. */
export const OFFSHORE_CODES: ReadonlySet<string> = new Set(['20333']);
