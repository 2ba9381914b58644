import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../api/types';
import { navFor } from '../components/navigation';
import { can, homePath } from './roles';

const me = (role: Role, agency_id: number | null = null): Me => ({ id: 1, username: role, role, agency_id, kind: 'user' });

describe('roles', () => {
  it('follow the API: who writes placements, targets, inspections', () => {
    expect(can('officer', 'placements.write')).toBe(true);
    expect(can('agency', 'placements.write')).toBe(true);
    expect(can('viewer', 'placements.write')).toBe(false);
    expect(can('inspector', 'placements.export')).toBe(false);
    expect(can('officer', 'targets.write')).toBe(true);
    expect(can('admin', 'targets.write')).toBe(false);
    expect(can('agency', 'targets.read')).toBe(false);
    expect(can('inspector', 'inspections.write')).toBe(true);
    expect(can('viewer', 'reports.annual')).toBe(true);
    expect(can('inspector', 'reports.annual')).toBe(false);
    expect(can(null, 'markets.read')).toBe(false);
  });

  it('start an enterprise on its records and staff on the dashboard', () => {
    expect(homePath('agency')).toBe('/placements');
    expect(homePath('viewer')).toBe('/dashboard');
  });

  it("show an enterprise its own pages only", () => {
    const items = navFor(me('agency', 4)).map((i) => i.to);
    expect(items).toEqual(['/placements', '/import', '/inspections', '/agencies/4', '/recruitment-notices', '/markets']);
    expect(navFor(me('admin')).map((i) => i.to)).toContain('/users');
    expect(navFor(me('officer')).map((i) => i.to)).not.toContain('/users');
  });
});
