import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import LinearProgress from '@material-ui/core/LinearProgress';
import TablePagination from '@material-ui/core/TablePagination';
import { useState } from 'react';
import { AsyncContent } from '../AsyncContent';
import { useEntityViolations } from './useEntityViolations';
import { ViolationAccordion } from './ViolationAccordion';

const PAGE_SIZE = 10;

/** The open violations that concern the entity, with evidence and remediation. */
export function EntityViolationsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [page, setPage] = useState(0);
  const { value, loading, error } = useEntityViolations(
    entityRef,
    page * PAGE_SIZE,
    PAGE_SIZE,
  );

  const title = value ? `Open violations (${value.totalCount})` : 'Open violations';
  return (
    <InfoCard title={title} noPadding>
      {loading && value && <LinearProgress aria-label="Loading violations" />}
      <AsyncContent
        value={value}
        error={error}
        isEmpty={v => v.totalCount === 0}
        emptyTestId="violations-empty"
        empty="No open violations concern this entity."
      >
        {violations => (
          <>
            {violations.items.map(violation => (
              <ViolationAccordion key={violation.id} violation={violation} />
            ))}
            {violations.totalCount > PAGE_SIZE && (
              <TablePagination
                component="div"
                count={violations.totalCount}
                page={page}
                rowsPerPage={PAGE_SIZE}
                rowsPerPageOptions={[PAGE_SIZE]}
                onPageChange={(_event, next) => setPage(next)}
              />
            )}
          </>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
