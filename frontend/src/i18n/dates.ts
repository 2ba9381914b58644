// One way of writing dates across the app, in both languages: dd/MM/yyyy for a day, and
// dd/MM/yyyy HH:mm for a moment (a record's creation, a history entry, a filing), told in
// Vietnam time whatever the computer's own timezone, always with four-digit years.

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const MOMENT = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(MOMENT.formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * A day as dd/MM/yyyy. A bare ISO date (2026-03-14) is a calendar day, not an instant: it is
 * written as it stands, never shifted by a timezone. A moment is written as its day in
 * Vietnam. Text that is neither comes back as it is.
 */
export function formatDay(value: string | Date): string {
  if (typeof value === 'string') {
    const day = DAY.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  if (value instanceof Date) return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${pad(date.getFullYear(), 4)}`;
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** A moment as dd/MM/yyyy HH:mm in Vietnam time; a bare day has no time and is written as a day. */
export function formatMoment(value: string | Date): string {
  if (typeof value === 'string' && DAY.test(value)) return formatDay(value);
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
