import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ifMatch } from '../../api/types';

export type FeeCap = components['schemas']['FeeCapRead'];
export type DepositCap = components['schemas']['DepositCapRead'];
export type NewFeeCap = components['schemas']['FeeCapCreate'];
export type NewDepositCap = components['schemas']['DepositCapCreate'];
export type ViolationType = components['schemas']['ViolationTypeRead'];
export type SanctionPower = components['schemas']['SanctionPowerRead'];

/** The two kinds of cap row (docs/law.md, "Caps on fees and deposits"), as the API names them. */
export type CapKind = 'fee-caps' | 'deposit-caps';

/** Whom an act of Decree 283/2026 applies to (Art. 49-53), as the API names them. */
export const APPLIES_TO = [
  'service_enterprise',
  'contract_winner',
  'outbound_investor',
  'training_enterprise',
  'worker',
  'any',
] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export const ruleKeys = {
  all: ['rules'] as const,
  caps: (kind: CapKind, on: string) => [...ruleKeys.all, kind, { on }] as const,
  violationTypes: (on: string, appliesTo: string) => [...ruleKeys.all, 'violation-types', { on, appliesTo }] as const,
  sanctionPowers: (on: string) => [...ruleKeys.all, 'sanction-powers', { on }] as const,
};

/** The cap rows, all of them or (`on`) those in force that day. */
export function useFeeCaps(on: string) {
  return useQuery({
    queryKey: ruleKeys.caps('fee-caps', on),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/rules/fee-caps', { params: { query: { on: on || undefined } }, signal }))).items,
  });
}

export function useDepositCaps(on: string) {
  return useQuery({
    queryKey: ruleKeys.caps('deposit-caps', on),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/rules/deposit-caps', { params: { query: { on: on || undefined } }, signal }))).items,
  });
}

export function useViolationTypes(on: string, appliesTo: string) {
  return useQuery({
    queryKey: ruleKeys.violationTypes(on, appliesTo),
    queryFn: async ({ signal }) =>
      (
        await unwrap(
          api.GET('/api/v1/rules/violation-types', {
            params: { query: { on: on || undefined, applies_to: appliesTo || undefined } },
            signal,
          }),
        )
      ).items,
  });
}

/**
 * A row overlapping another of its key answers 409 `rule_overlaps` naming that row
 * (docs/law.md): said on the "valid from" input, as a 422 about it would be.
 */
function overlapOnValidFrom(error: unknown): unknown {
  if (error instanceof ApiError && error.code === 'rule_overlaps') {
    return new ApiError({
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.detail,
      fields: error.fields.length ? error.fields : [{ field: 'valid_from', code: 'rule_overlaps', message: error.detail ?? '' }],
      cause: error,
    });
  }
  return error;
}

export type CapBody = { kind: 'fee-caps'; body: NewFeeCap } | { kind: 'deposit-caps'; body: NewDepositCap };

/** Adds a cap row; the answer says how many placements' flags it changed (`flags_changed`). */
export function useAddCap() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ cap, idempotencyKey }: { cap: CapBody; idempotencyKey: string }): Promise<FeeCap | DepositCap> => {
      const header = { 'Idempotency-Key': idempotencyKey };
      try {
        return cap.kind === 'fee-caps'
          ? await unwrap(api.POST('/api/v1/rules/fee-caps', { body: cap.body, params: { header } }))
          : await unwrap(api.POST('/api/v1/rules/deposit-caps', { body: cap.body, params: { header } }));
      } catch (error) {
        throw overlapOnValidFrom(error);
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}

/** Ends a cap row on a day (its `valid_to`), sent with the version read (`If-Match`). */
export function useEndCap(kind: CapKind, rule: FeeCap | DepositCap) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { valid_to: string | null }): Promise<FeeCap | DepositCap> => {
      const params = { path: { rule_id: rule.id }, header: { 'If-Match': ifMatch(rule.version) } };
      try {
        return kind === 'fee-caps'
          ? await unwrap(api.PATCH('/api/v1/rules/fee-caps/{rule_id}', { params, body }))
          : await unwrap(api.PATCH('/api/v1/rules/deposit-caps/{rule_id}', { params, body }));
      } catch (error) {
        // Ending a row earlier never overlaps; a later end may reach the next row of its key.
        if (error instanceof ApiError && error.code === 'rule_overlaps') {
          throw new ApiError({
            status: error.status,
            code: error.code,
            title: error.title,
            detail: error.detail,
            fields: [{ field: 'valid_to', message: error.detail ?? 'overlaps another rule' }],
            cause: error,
          });
        }
        throw error;
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}

/**
 * Says an act has been checked against the signed text of Decree 283/2026
 * (docs/law.md, "Violations the decree sanctions"), with the version read (`If-Match`).
 */
export function useConfirmViolationType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (act: ViolationType) =>
      unwrap(
        api.PATCH('/api/v1/rules/violation-types/{code}', {
          params: { path: { code: act.code }, header: { 'If-Match': ifMatch(act.version) } },
          body: { confirmed: true },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}

/** Who may fine how much (Decree 283/2026 Art. 55-62), all of them or those in force on `on`. */
export function useSanctionPowers(on: string, enabled = true) {
  return useQuery({
    queryKey: ruleKeys.sanctionPowers(on),
    enabled,
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/rules/sanction-powers', { params: { query: { on: on || undefined } }, signal })))
        .items,
  });
}

/** Says a power has been checked against the signed text, with the version read (`If-Match`). */
export function useConfirmSanctionPower() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (power: SanctionPower) =>
      unwrap(
        api.PATCH('/api/v1/rules/sanction-powers/{code}', {
          params: { path: { code: power.code }, header: { 'If-Match': ifMatch(power.version) } },
          body: { confirmed: true },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}
