import { useApi } from '@backstage/core-plugin-api';
import { ViolationQuery } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** Snapshots shown in the trend. */
export const TREND_SNAPSHOTS = 30;

/**
 * The aggregates and the table page of the dashboard. `version` changes when
 * a risk acceptance changed what the server would answer.
 */
export function useDashboardData(
  filters: ViolationQuery,
  table: ViolationQuery,
  version: number,
) {
  const api = useApi(resourceProfilesApiRef);
  const aggregates = useAsync(
    () => api.getDashboard({ ...filters, trendSnapshots: TREND_SNAPSHOTS }),
    [api, filters, version],
  );
  const violations = useAsync(() => api.getViolations(table), [api, table, version]);
  return { aggregates, violations };
}
