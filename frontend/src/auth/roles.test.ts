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

  it('open the complaints register to officers and inspectors only, never an enterprise', () => {
    for (const role of ['officer', 'inspector'] as Role[]) {
      expect(can(role, 'complaints.read') && can(role, 'complaints.write')).toBe(true);
      expect(navFor(me(role)).map((i) => i.to)).toContain('/complaints');
    }
    for (const role of ['agency', 'viewer', 'admin'] as Role[]) {
      expect(can(role, 'complaints.read')).toBe(false);
      expect(navFor(me(role, role === 'agency' ? 4 : null)).map((i) => i.to)).not.toContain('/complaints');
    }
  });

  it('let administrators read the register, masked, and write nothing in it', () => {
    expect(can('admin', 'placements.read')).toBe(true);
    expect(navFor(me('admin')).map((i) => i.to)).toContain('/placements');
    for (const capability of ['placements.write', 'placements.import', 'placements.assignCommune', 'placements.partialIdSearch'] as const) {
      expect(can('admin', capability)).toBe(false);
    }
    expect(can('viewer', 'placements.partialIdSearch')).toBe(false);
    expect(can('agency', 'placements.partialIdSearch')).toBe(true);
  });

  it('start an enterprise on its records and staff on the dashboard', () => {
    expect(homePath('agency')).toBe('/placements');
    expect(homePath('viewer')).toBe('/dashboard');
  });

  it("show an enterprise its own pages only", () => {
    const items = navFor(me('agency', 4)).map((i) => i.to);
    expect(items).toEqual(['/placements', '/import', '/inspections', '/agencies/4', '/reports', '/recruitment-notices', '/markets']);
    expect(navFor(me('admin')).map((i) => i.to)).toContain('/users');
    expect(navFor(me('officer')).map((i) => i.to)).not.toContain('/users');
  });

  it('let an enterprise file its reports, officers and inspectors follow them, officers record paper ones', () => {
    expect(can('agency', 'reports.file')).toBe(true);
    expect(can('officer', 'reports.file')).toBe(false);
    expect(can('officer', 'reports.track')).toBe(true);
    expect(can('inspector', 'reports.track')).toBe(true);
    expect(can('viewer', 'reports.track')).toBe(false);
    expect(can('agency', 'reports.track')).toBe(false);
    expect(can('officer', 'reports.record')).toBe(true);
    expect(can('inspector', 'reports.record')).toBe(false);
    expect(can('admin', 'agencies.write')).toBe(true);
    expect(can('inspector', 'agencies.write')).toBe(false);
    expect(navFor(me('inspector')).map((i) => i.to)).toContain('/report-tracking');
    expect(navFor(me('viewer')).map((i) => i.to)).not.toContain('/report-tracking');
  });
});
