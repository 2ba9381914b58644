import {
  agencyStatusValues,
  annualReportPeriodValues,
  apiClientCreateRoleValues,
  categoryValues,
  channelValues,
  dutyStatusValues,
  complaintCategoryValues,
  complaintSourceValues,
  complaintStatusValues,
  exportFormatValues,
  flagValues,
  inspectionStatusValues,
  kindValues,
  policyGroupValues,
  programmeValues,
  recordKindValues,
  reportKindValues,
  resultValues,
  roleValues,
  sexValues,
  statusValues,
  tierValues,
  type components,
} from './schema';

// Short names for the API's shapes, so features import `Placement` rather than spelling the
// generated path each time.
type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type Me = Schemas['Me'];
export type Area = Schemas['AreaRead'];
export type Agency = Schemas['AgencyRead'];
export type AgencyStatus = Schemas['AgencyStatus'];
export type Market = Schemas['MarketRead'];
export type MarketRecord = Schemas['MarketRecordRead'];
export type RecordKind = Schemas['RecordKind'];
export type Tier = Schemas['Tier'];

export type Placement = Schemas['PlacementRead'];
export type PlacementIn = Schemas['PlacementIn'];
export type PlacementUpdate = Schemas['PlacementUpdate'];
export type PlacementStatus = Schemas['Status'];
export type Channel = Schemas['Channel'];
export type Flag = Schemas['Flag'];
export type Programme = Schemas['Programme'];
export type PolicyGroup = Schemas['PolicyGroup'];
export type Sex = Schemas['Sex'];
export type BatchResult = Schemas['BatchResult'];
export type ExportFormat = Schemas['ExportFormat'];

export type Target = Schemas['TargetRead'];
export type Progress = Schemas['Progress'];
export type ProgressRow = Schemas['ProgressRow'];

/** The days an annual report covers: the statutory period (the default) or the calendar year. */
export type ReportPeriod = Schemas['AnnualReport']['period'];
export type AnnualReport = Schemas['AnnualReport'];

export type Inspection = Schemas['InspectionRead'];
export type InspectionStatus = Schemas['InspectionStatus'];
export type InspectionKind = Schemas['Kind'];
export type InspectionResult = Schemas['Result'];
export type Violation = Schemas['ViolationRead'];
export type ViolationCategory = Schemas['Category'];
export type Compliance = Schemas['Compliance'];
export type Priority = Schemas['Priority'];
export type RiskFactor = Schemas['RiskFactor'];

export type Obligation = Schemas['Obligation'];
export type DutyStatus = Schemas['DutyStatus'];
export type ReportKind = Schemas['ReportKind'];
export type AgencyReport = Schemas['ReportRead'];
export type FiledReport = Schemas['FiledReport'];
export type ReportingRecord = Schemas['ReportingRecord'];
export type Complaint = Schemas['ComplaintRead'];
export type ComplaintCreate = Schemas['ComplaintCreate'];
export type ComplaintUpdate = Schemas['ComplaintUpdate'];
export type ComplaintStatus = Schemas['ComplaintStatus'];
export type ComplaintSource = Schemas['ComplaintSource'];
export type ComplaintCategory = Schemas['ComplaintCategory'];
export type InspectionFromComplaint = Schemas['InspectionFromComplaint'];

export type User = Schemas['UserRead'];
export type ApiClientRead = Schemas['ApiClientRead'];
export type ApiClientCreated = Schemas['ApiClientCreated'];

// The enumerations, in the order the API documents them (for selects and filters). The
// arrays are generated from openapi/openapi.json with the types (`npm run generate`), so a
// value added to the API reaches every select without an edit here.
export const PLACEMENT_STATUSES = statusValues;
export const CHANNELS = channelValues;
export const FLAGS = flagValues;
export const PROGRAMMES = programmeValues;
export const POLICY_GROUPS = policyGroupValues;
export const SEXES = sexValues;
export const ROLES = roleValues;
/** The roles an API client may have: every role but the administrator's. */
export const CLIENT_ROLES = apiClientCreateRoleValues;
export const AGENCY_STATUSES = agencyStatusValues;
export const TIERS = tierValues;
export const INSPECTION_STATUSES = inspectionStatusValues;
export const INSPECTION_KINDS = kindValues;
export const INSPECTION_RESULTS = resultValues;
export const VIOLATION_CATEGORIES = categoryValues;
export const RECORD_KINDS = recordKindValues;
export const COMPLAINT_STATUSES = complaintStatusValues;
export const COMPLAINT_SOURCES = complaintSourceValues;
export const COMPLAINT_CATEGORIES = complaintCategoryValues;
export const EXPORT_FORMATS = exportFormatValues;
export const DUTY_STATUSES = dutyStatusValues;
export const REPORT_KINDS = reportKindValues;
export const REPORT_PERIODS = annualReportPeriodValues;

/** `value` when it is one of `values` (a query string's filter, say), else undefined. */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return value !== null && value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The values with `first` moved to the front, the rest in the API's order. */
export function firstOf<T extends string>(values: readonly T[], first: T): T[] {
  return [first, ...values.filter((value) => value !== first)];
}

/** The `If-Match` value for a resource at `version` (the API's ETag is the quoted version). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
