import { geoArea, geoBounds, geoMercator, geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import text from './da_nang_communes.geojson?raw';
import { OFFSHORE_CODES, readCommunes, rewindForD3, type CommuneCollection } from './geo';

const raw = JSON.parse(text) as CommuneCollection;
const communes = readCommunes(text);
// The whole sphere is 4π steradians; Đà Nẵng (about 12,000 km²) is some 3·10⁻⁴ of that.
const SMALL = 1e-3;

describe('the commune map, wound for d3-geo', () => {
  it('holds the 94 commune-level units of Đà Nẵng with their codes and names', () => {
    expect(communes).toHaveLength(94);
    expect(new Set(communes.map((f) => f.properties.code)).size).toBe(94);
    expect(communes.find((f) => f.properties.code === '20500')?.properties.name).toBe('Xã Đại Lộc');
    expect(communes.find((f) => f.properties.code === '20333')?.properties.name).toBe('Đặc khu Hoàng Sa');
  });

  it('read as the file comes (RFC 7946 winding), d3-geo takes the polygons for nearly the whole globe', () => {
    // What the rewind is for: without it, every feature would fill the frame.
    const wrong = raw.features.filter((f) => geoArea(f) > 2 * Math.PI);
    expect(wrong.length).toBeGreaterThan(90);
  });

  it('rewound, every unit is a small area within Vietnam', () => {
    for (const feature of communes) {
      const area = geoArea(feature);
      expect(area, feature.properties.name).toBeGreaterThan(0);
      expect(area, feature.properties.name).toBeLessThan(SMALL);
      const [[west, south], [east, north]] = geoBounds(feature);
      expect(west, feature.properties.name).toBeGreaterThan(107);
      expect(east, feature.properties.name).toBeLessThan(113);
      expect(south, feature.properties.name).toBeGreaterThan(14.5);
      expect(north, feature.properties.name).toBeLessThan(17.5);
    }
  });

  it('rewinding twice changes nothing', () => {
    for (const feature of communes.slice(0, 10)) {
      expect(rewindForD3(feature)).toEqual(feature);
    }
  });

  it('the mainland, fitted to a frame, draws each unit as a part of it', () => {
    const mainland = communes.filter((f) => !OFFSHORE_CODES.has(f.properties.code));
    expect(mainland).toHaveLength(93);
    const projection = geoMercator().fitExtent(
      [
        [10, 10],
        [650, 630],
      ],
      { type: 'FeatureCollection', features: mainland },
    );
    const path = geoPath(projection);
    for (const feature of mainland) {
      const [[x0, y0], [x1, y1]] = path.bounds(feature);
      expect(x0).toBeGreaterThanOrEqual(9.5);
      expect(y0).toBeGreaterThanOrEqual(9.5);
      expect(x1).toBeLessThanOrEqual(650.5);
      expect(y1).toBeLessThanOrEqual(630.5);
      expect((x1 - x0) * (y1 - y0)).toBeLessThan(640 * 620 * 0.25);
    }
  });
});
