import type {
  AgencyStatus,
  Channel,
  DutyStatus,
  ComplaintCategory,
  ComplaintSource,
  ComplaintStatus,
  Flag,
  InspectionKind,
  InspectionResult,
  InspectionStatus,
  PlacementStatus,
  PolicyGroup,
  Programme,
  RecordKind,
  ReportKind,
  ReportPeriod,
  Role,
  Sex,
  Tier,
  ViolationCategory,
} from '../api/types';
import type { components } from '../api/schema';
import type { MessageKey } from './vi';

/**
 * The API's enumerations and the dictionary group that labels them: `tv('channel', value)`
 * reads the key `channel.<value>` of vi.ts or en.ts, the only place such labels are written.
 */
export interface ValueGroups {
  agencyStatus: AgencyStatus;
  channel: Channel;
  decisionStatus: 'unpaid' | 'overdue' | 'paid' | 'enforced';
  dutyStatus: DutyStatus;
  complaintCategory: ComplaintCategory;
  complaintSource: ComplaintSource;
  complaintStatus: ComplaintStatus;
  fileKind: components['schemas']['FileKind'];
  flag: Flag;
  inspectionKind: InspectionKind;
  inspectionResult: InspectionResult;
  inspectionStatus: InspectionStatus;
  offender: components['schemas']['Offender'];
  policyGroup: PolicyGroup;
  programme: Programme;
  recordKind: RecordKind;
  remedyKind: components['schemas']['RemedyKind'];
  reportKind: ReportKind;
  reportPeriod: ReportPeriod;
  role: Role;
  sex: Sex;
  status: PlacementStatus;
  tier: Tier;
  violationCategory: ViolationCategory;
}

export type ValueGroup = keyof ValueGroups;

// An acronym (all capitals: TITP, SSW, EPS) is its own label in both languages.
type KeyOf<G extends string, V> = V extends string ? (V extends Uppercase<V> ? never : `${G}.${V}`) : never;
type ValueKey = { [G in ValueGroup]: KeyOf<G, ValueGroups[G]> }[ValueGroup];
type Expect<T extends true> = T;

/**
 * Every value openapi/openapi.json documents has its label: a value added to the API without
 * one in vi.ts (and so in en.ts, which must have the same keys) fails the type check here.
 */
export type EveryValueLabelled = Expect<[Exclude<ValueKey, MessageKey>] extends [never] ? true : false>;
