/**
 * "30.000.000" or "30 000 000" as typed in Vietnam → 30000000. Text that is not a whole
 * number is returned as typed, so the API names the field and the user sees where to look.
 */
export function parseInteger(text: string): number | string {
  const compact = text.replace(/[\s.,]/g, '');
  return /^\d+$/.test(compact) ? Number(compact) : text;
}
