import type { Inspection } from '../../api/types';
import { translate } from '../../i18n/core';
import type { ViolationType } from '../rules/api';

// The procedure's pure rules as the pages show them (docs/inspections.md). The server judges;
// these only give hints and say what blocks a step.

export type Offender = 'organisation' | 'individual';

/** The acts of Decree 283/2026 apply to acts that ended on or after this day (Art. 66(1)). */
export const DECREE_283_IN_FORCE = '2026-09-10';

// Decree 283/2026 Art. 7(1): an organisation pays twice an individual's amount, so an
// individual half an organisation's; each row says whom its printed amounts are for.
function convert(amount: number, basis: string, offender: Offender): number {
  if (basis === offender) return amount;
  return offender === 'organisation' ? amount * 2 : Math.floor(amount / 2);
}

export type FineHint =
  | { kind: 'range'; low: number; high: number; perWorker: boolean; cap: number | null }
  | { kind: 'needsWorkers'; cap: number };

/**
 * The fine the act allows for this offender, as docs/inspections.md ("Fines") reads the decree:
 * the row's amounts converted for the offender, and for a per-worker act, per worker affected up
 * to the row's cap (converted alike). A hint only: the server's 422 is what counts.
 */
export function fineHint(
  act: Pick<ViolationType, 'fine_min_vnd' | 'fine_max_vnd' | 'fine_basis' | 'per_worker_max_vnd'>,
  offender: Offender,
  affectedWorkers: number | null,
): FineHint {
  const low = convert(act.fine_min_vnd ?? 0, act.fine_basis, offender);
  const high = convert(act.fine_max_vnd, act.fine_basis, offender);
  if (act.per_worker_max_vnd === null) return { kind: 'range', low, high, perWorker: false, cap: null };
  const cap = convert(act.per_worker_max_vnd, act.fine_basis, offender);
  if (!affectedWorkers || affectedWorkers < 1) return { kind: 'needsWorkers', cap };
  const top = Math.min(high * affectedWorkers, cap);
  return { kind: 'range', low: Math.min(low * affectedWorkers, top), high: top, perWorker: true, cap };
}

/** One thing that keeps an inspection from closing: a remedy item or a violation still open. */
export interface Blocker {
  violationId: number;
  remedyId: number | null;
  what: string;
  due: string | null;
}

/**
 * What must be settled before the inspection closes (docs/inspections.md, "The lifecycle"):
 * every remedy item done or cancelled by an amending decision; a violation without items must
 * be remedied or waived itself.
 */
export function closeBlockers(inspection: Pick<Inspection, 'violations'>): Blocker[] {
  const found: Blocker[] = [];
  for (const v of inspection.violations) {
    if (v.remedied_on || v.waived) continue;
    const pending = v.remedies.filter((r) => !r.done_on && !r.cancelled_by);
    if (v.remedies.length && pending.length) {
      for (const r of pending) found.push({ violationId: v.id, remedyId: r.id, what: r.description, due: r.due_on });
    } else {
      found.push({ violationId: v.id, remedyId: null, what: v.remedy ?? v.description, due: v.remedy_due });
    }
  }
  return found;
}

// Decree 30/2020/NĐ-CP Appendix I: a day below 10 and the months 1 and 2 are written with a
// leading zero in the place and date line of an administrative document.
function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "ngày 30 tháng 11 năm 2026" from an ISO day (or the day part of a timestamp). */
export function printDay(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const month = m <= 2 ? two(m) : String(m);
  return `ngày ${two(d)} tháng ${month} năm ${y}`;
}

// Money is written the Vietnamese way on the records: 90.000.000 đồng.
const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function printMoney(amount: number): string {
  return `${VND.format(amount)} đồng`;
}

// Vietnam keeps UTC+7 all year.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A timestamp as the `datetime-local` input shows it in Vietnam time: "2026-11-28T09:00". */
export function toVietnamInput(iso: string): string {
  const at = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  return at.toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Vietnam time, as the API takes it. */
export function fromVietnamInput(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}

/** "09 giờ 00 phút, ngày 28 tháng 11 năm 2026" in Vietnam time. */
export function printTime(iso: string): string {
  const local = toVietnamInput(iso);
  const [hour, minute] = local.slice(11, 16).split(':');
  return `${hour} giờ ${minute} phút, ${printDay(local.slice(0, 10))}`;
}

/** Placement ids typed as "12, 15 18": the numbers, or null when something else is there. */
export function parseIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * Where a catalogued act is provided, in Vietnamese: its source "Decree 283/2026/NĐ-CP
 * Art. 49(7)(b)" (docs/law.md) read as "Điều 49 khoản 7 điểm b Nghị định số 283/2026/NĐ-CP";
 * anything else is printed as recorded.
 */
export function legalBasisVi(basis: string): string {
  const decreeOnly = /^Decree (\S+)$/.exec(basis.trim());
  if (decreeOnly) return translate('vi', 'print.sd.decree', { decree: decreeOnly[1] });
  const found = /^Decree (\S+) Art\. (\d+)\((\d+)\)(?:\(([^)]+)\))?$/.exec(basis.trim());
  if (!found) return basis;
  const [, decree, article, clause, point] = found;
  const citation = point
    ? translate('vi', 'rules.citationPoint', { article, clause, point })
    : translate('vi', 'rules.citation', { article, clause });
  return translate('vi', 'print.sd.ofDecree', { citation, decree });
}
