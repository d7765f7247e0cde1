import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  DashboardAggregates,
  Page,
  RiskAcceptance,
  Violation,
  ViolationQuery,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ViolationFilter } from '@resource-profiles/backstage-plugin-resource-profiles-node';

/** What the caller may see: undefined for everything, or the policy's conditions. */
export type ViolationScope = PermissionCriteria<ViolationFilter> | undefined;

/** Queries over findings tracked across snapshots, and risk acceptances. */
export interface ViolationStore {
  queryViolations(query: ViolationQuery, scope: ViolationScope, now: Date): Promise<Page<Violation>>;
  /** Counts by severity, rule and owner; the trend covers the last `trendSnapshots` snapshots. */
  aggregate(
    query: ViolationQuery,
    scope: ViolationScope,
    now: Date,
    trendSnapshots: number,
  ): Promise<DashboardAggregates>;
  getViolation(id: string, now: Date): Promise<Violation | undefined>;
  /** Sets or (with undefined) clears a risk acceptance. */
  setAcceptance(id: string, acceptance: RiskAcceptance | undefined): Promise<void>;
}
