import { useCallback, useMemo } from 'react';
// react-router-dom is the app's router; the scaffold lists it as a dependency
// rather than a peer dependency, which this rule flags.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { useSearchParams } from 'react-router-dom';
import { DashboardFilters, DashboardState, readState, writeState } from './dashboardState';

/**
 * The dashboard's filters, sorting and page, kept in the URL so that a view
 * can be shared. Changing a filter or the sorting goes back to the first page.
 */
export function useDashboardState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);

  const update = useCallback(
    (patch: Partial<Omit<DashboardState, 'filters'>> & { filters?: Partial<DashboardFilters> }, replace = false) => {
      setParams(
        previous => {
          const current = readState(previous);
          return writeState({
            ...current,
            ...patch,
            filters: { ...current.filters, ...patch.filters },
            page: patch.page ?? 0,
          });
        },
        { replace },
      );
    },
    [setParams],
  );

  return { state, update };
}
