import type { MessageKey } from '../i18n/core';

// Field errors carry an English `message` and no code of their own, so the common ones are
// recognised here and shown translated; any other is shown as "not valid" with the server's
// words beside it (marked as English).
const PATTERNS: [RegExp, MessageKey, string[]][] = [
  // How forms and files read numbers (parseNumber.ts): first, as these quote what was typed.
  [/^'.*' is not a number/s, 'fieldError.notANumber', []],
  [/^'.*' must be a whole number/s, 'fieldError.wholeNumber', []],
  [/^'.*' must not be negative/s, 'fieldError.notNegative', []],
  // A periodic report's period and file (Circular 20/2021/TT-BLĐTBXH Art. 11, Circular
  // 21/2021/TT-BLĐTBXH Art. 15; backend/overseas/obligations/files.py for the file).
  [/^an annual report covers 15 December/, 'fieldError.annualPeriod', []],
  [/^the monthly changes cover one calendar month/, 'fieldError.monthlyPeriod', []],
  [/^the period has not ended yet/, 'fieldError.periodNotEnded', []],
  [/^the file is empty/, 'fieldError.fileEmpty', []],
  [/^at most (\d+) MiB/, 'fieldError.fileTooLarge', ['max']],
  [/^not a PDF, PNG, JPEG/, 'fieldError.fileType', []],
  [/^only the department records when a paper report was received/, 'fieldError.receivedByDepartment', []],
  // The fine and the signer of a sanction (Decree 283/2026 Art. 7(1), 63; backend/overseas/inspections).
  [/^must lie between (\d+) and (\d+) VND for an? \S+ under (.+?)(?:, \d+ workers)?$/, 'fieldError.fineRange', ['low', 'high', 'act']],
  [/^(.+?) reaches (\d+) VND for an? \S+, above the (\d+) VND/, 'fieldError.signerPower', ['act', 'top', 'allowed']],
  [/ may not sanction (.+?) \(Decree 283/, 'fieldError.signerScope', ['act']],
  [/^'[^']*' had no power on/, 'fieldError.signerNotInForce', []],
  [/^(must not be empty|may not be null|Field required|field required|String should have at least 1 character)/, 'fieldError.required', []],
  [/^must be 12 digits/, 'fieldError.nationalIdFormat', []],
  [/^digit 4 \((\d)\) does not match a birth in (\d{4})/, 'fieldError.nationalIdCentury', ['digit', 'year']],
  [/^digit 4 \((\d)\) is for a (male|female) worker/, 'fieldError.nationalIdSex', ['digit', 'sex']],
  [/^digits 5-6 \((\d+)\) do not match the year of birth (\d{4})/, 'fieldError.nationalIdYear', ['digits', 'year']],
  [/^the worker is under (\d+) on (\S+)/, 'fieldError.underAge', ['age', 'date']],
  [/^must be before registered_on/, 'fieldError.birthAfterRegistration', []],
  [/^required when the status is/, 'fieldError.requiredForStatus', []],
  [/^only for returned placements/, 'fieldError.onlyWhenReturned', []],
  [/^is before registered_on/, 'fieldError.beforeRegistered', []],
  [/^is before departure_date/, 'fieldError.beforeDeparture', []],
  [/in the future/, 'fieldError.future', []],
  [/^required for the \S+ channel/, 'fieldError.agencyRequired', []],
  [/^no area with code/, 'fieldError.unknownArea', []],
  [/^no market with code/, 'fieldError.unknownMarket', []],
  [/^no enterprise with id/, 'fieldError.unknownAgency', []],
  [/^the enterprise's licence is/, 'fieldError.agencyNotActive', []],
  [/^cannot go from/, 'fieldError.statusChange', []],
  [/less than or equal to ([\d.]+)/, 'fieldError.max', ['max']],
  [/greater than or equal to ([\d.]+)/, 'fieldError.min', ['min']],
  [/greater than ([\d.]+)/, 'fieldError.greaterThan', ['min']],
  [/is not a date|valid date/, 'fieldError.date', []],
  [/valid (decimal|number|integer)/, 'fieldError.number', []],
  [/at most (\d+) characters/, 'fieldError.tooLong', ['max']],
  [/^unknown column/, 'fieldError.unknownColumn', []],
  [/is already recorded$/, 'fieldError.alreadyRecorded', []],
  // A cap row overlapping another of its key (docs/law.md, "Caps on fees and deposits").
  [/^overlaps rule \d+ \([^,]*, (\S+) to open-ended\)/, 'fieldError.ruleOverlapsOpen', ['from']],
  [/^overlaps rule \d+ \([^,]*, (\S+) to (\S+)\)/, 'fieldError.ruleOverlaps', ['from', 'to']],
  // The complaints register (docs/complaints.md).
  [/^resolving a complaint needs its finding/, 'fieldError.findingRequired', []],
  [/^the complaint names no enterprise/, 'fieldError.noAgencyToInspect', []],
  [/^is given only when the complaint is resolved or referred/, 'fieldError.onlyWhenClosed', []],
  [/^is before received_on/, 'fieldError.beforeReceived', []],
  [/^no placement with id/, 'fieldError.unknownPlacement', []],
  [/^the worker was placed by another enterprise/, 'fieldError.placementOfOtherAgency', []],
  [/^inspection \d+ is of another enterprise/, 'fieldError.inspectionOfOtherAgency', []],
  // Recruitment notices (docs/notices.md).
  [/^no recruitment notice \d+ of the placement's enterprise/, 'fieldError.unknownNotice', []],
  [/^the notice is \w+: name one the department has acknowledged/, 'fieldError.noticeNotAcknowledged', []],
  [/^is before period_from/, 'fieldError.beforePeriodStart', []],
  [/^required when rejecting/, 'fieldError.reasonRequired', []],
  [/^'([^']+)': no area with this code/, 'fieldError.noticeAreaUnknown', ['code']],
  [/^'([^']+)' \(.*\) is a (district|province)/, 'fieldError.noticeAreaLevel', ['code']],
  [/^'([^']+)' \(.*\) ended on ([\d-]+)/, 'fieldError.noticeAreaEnded', ['code', 'date']],
  [/^'([^']+)' \(.*\) is outside the province/, 'fieldError.noticeAreaOutside', ['code']],
  [/^required column missing/, 'fieldError.missingColumn', []],
  [/^required in a batch/, 'fieldError.refRequired', []],
  [/^repeats the item at index/, 'fieldError.refRepeated', []],
];

// Amounts in đồng the server writes as plain digits, shown the Vietnamese way (1.234.567).
const MONEY = new Set(['low', 'high', 'top', 'allowed']);
const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export interface TranslatedFieldMessage {
  key: MessageKey;
  params: Record<string, string>;
  /** True when no pattern matched: the server's words should be shown too. */
  generic: boolean;
}

export function fieldMessage(message: string): TranslatedFieldMessage {
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) {
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = MONEY.has(name) ? VND.format(Number(match[i + 1])) : match[i + 1]));
      return { key, params, generic: false };
    }
  }
  return { key: 'fieldError.invalid', params: {}, generic: true };
}
