import { useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import { Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { AsyncContent } from '../AsyncContent';
import { DashboardCharts } from './DashboardCharts';
import { DashboardFiltersBar } from './DashboardFiltersBar';
import { filterQuery, tableQuery } from './dashboardState';
import { ExportButton } from './ExportButton';
import { RiskAcceptanceDialog } from './RiskAcceptanceDialog';
import { useDashboardData } from './useDashboardData';
import { useDashboardState } from './useDashboardState';
import { ViolationsTable } from './ViolationsTable';

/** The platform view of violations: charts, filters in the URL, a paged table. */
export function ViolationsDashboard() {
  const api = useApi(resourceProfilesApiRef);
  const { state, update } = useDashboardState();
  const filters = useMemo(() => filterQuery(state.filters), [state.filters]);
  const table = useMemo(() => tableQuery(state), [state]);
  const exportQuery = useMemo(
    () => ({ ...filters, orderBy: state.orderBy, order: state.orderBy ? state.order : undefined }),
    [filters, state.orderBy, state.order],
  );
  const [version, setVersion] = useState(0);
  const { aggregates, violations } = useDashboardData(filters, table, version);
  const [accepting, setAccepting] = useState<Violation>();
  const [notice, setNotice] = useState<string>();

  const [revokeState, revoke] = useAsyncFn(
    async (violation: Violation) => {
      await api.revokeRiskAcceptance(violation.id);
      setNotice(`Risk acceptance of "${violation.title}" revoked.`);
      setVersion(v => v + 1);
    },
    [api],
  );
  const onAccepted = useCallback((accepted: Violation) => {
    setAccepting(undefined);
    setNotice(
      `Risk of "${accepted.title}" accepted until ${formatDate(accepted.acceptance?.expiresAt)}.`,
    );
    setVersion(v => v + 1);
  }, []);

  const rules = aggregates.value?.byRule.map(r => r.rule) ?? [];
  const owners = (aggregates.value?.byOwner ?? []).flatMap(o => (o.owner ? [o.owner] : []));

  const total = violations.value?.totalCount;
  return (
    <Box>
      <DashboardFiltersBar
        filters={state.filters}
        rules={rules}
        owners={owners}
        onChange={(patch, replace) => update({ filters: patch }, replace)}
        actions={<ExportButton query={exportQuery} />}
      />
      {notice && (
        <Alert severity="success" onClose={() => setNotice(undefined)} style={{ marginBottom: 16 }}>
          {notice}
        </Alert>
      )}
      {revokeState.error && (
        <Alert severity="error" style={{ marginBottom: 16 }}>
          {errorMessage(revokeState.error)}
        </Alert>
      )}
      <Box mb={3}>
        <AsyncContent value={aggregates.value} error={aggregates.error}>
          {value => (
            <DashboardCharts
              aggregates={value}
              filters={state.filters}
              onFilter={patch => update({ filters: patch })}
            />
          )}
        </AsyncContent>
      </Box>
      <InfoCard
        title={total === undefined ? 'Violations' : `Violations (${total})`}
        noPadding
      >
        {violations.loading && violations.value && (
          <LinearProgress aria-label="Loading violations" />
        )}
        <AsyncContent
          value={violations.value}
          error={violations.error}
          isEmpty={v => v.totalCount === 0}
          emptyTestId="violations-empty"
          empty="No violations match these filters."
        >
          {value => (
            <ViolationsTable
              page={value}
              state={state}
              onSort={(orderBy, order) => update({ orderBy, order })}
              onPage={(page, pageSize) => update({ page, pageSize })}
              onAcceptRisk={setAccepting}
              onRevoke={revoke}
            />
          )}
        </AsyncContent>
      </InfoCard>
      {accepting && (
        <RiskAcceptanceDialog
          violation={accepting}
          onClose={() => setAccepting(undefined)}
          onAccepted={onAccepted}
        />
      )}
    </Box>
  );
}
