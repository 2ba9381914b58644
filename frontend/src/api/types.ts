import type { components } from './schema';

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

export type Target = Schemas['TargetRead'];
export type Progress = Schemas['Progress'];
export type ProgressRow = Schemas['ProgressRow'];

export type Inspection = Schemas['InspectionRead'];
export type InspectionStatus = Schemas['InspectionStatus'];
export type InspectionKind = Schemas['Kind'];
export type InspectionResult = Schemas['Result'];
export type Violation = Schemas['ViolationRead'];
export type ViolationCategory = Schemas['Category'];
export type Compliance = Schemas['Compliance'];
export type Priority = Schemas['Priority'];
export type RiskFactor = Schemas['RiskFactor'];

export type User = Schemas['UserRead'];
export type ApiClientRead = Schemas['ApiClientRead'];
export type ApiClientCreated = Schemas['ApiClientCreated'];

// The enumerations, in the order the API documents them (used for selects and filters).
export const PLACEMENT_STATUSES: PlacementStatus[] = [
  'registered',
  'training',
  'contracted',
  'departed',
  'returned',
  'returned_early',
  'overstayed',
  'cancelled',
];
export const CHANNELS: Channel[] = [
  'public_unit',
  'service_enterprise',
  'contract_winner',
  'internship',
  'outbound_investor',
  'direct_contract',
];
export const FLAGS: Flag[] = ['fee_above_cap', 'deposit_above_cap', 'possible_duplicate', 'late_report'];
export const PROGRAMMES: Programme[] = ['TITP', 'SSW', 'EPS', 'engineer', 'other'];
export const POLICY_GROUPS: PolicyGroup[] = [
  'poor_household',
  'near_poor_household',
  'ethnic_minority',
  'land_recovered',
  'merit_relative',
  'demobilised_soldier',
];
export const SEXES: Sex[] = ['male', 'female'];
export const ROLES: Role[] = ['admin', 'officer', 'inspector', 'agency', 'viewer'];
export const INSPECTION_STATUSES: InspectionStatus[] = ['planned', 'in_progress', 'concluded', 'closed'];
export const INSPECTION_KINDS: InspectionKind[] = ['scheduled', 'unscheduled', 'complaint'];
export const VIOLATION_CATEGORIES: ViolationCategory[] = [
  'late_or_missing_report',
  'worker_data_not_updated',
  'fee_above_cap',
  'deposit_breach',
  'orientation_breach',
  'licence_misuse',
  'other',
];
export const RECORD_KINDS: RecordKind[] = ['demand', 'wage', 'fee_cap', 'policy', 'warning', 'opportunity', 'note'];

/** The `If-Match` value for a resource at `version` (the API's ETag is the quoted version). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
