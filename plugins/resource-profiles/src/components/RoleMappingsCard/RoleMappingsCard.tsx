import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import {
  ACCESS_LEVELS,
  AccessLevel,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import { useTableStyles } from '../../lib/styles';
import { AsyncContent } from '../AsyncContent';
import { MultiSelectFilter } from '../MultiSelectFilter';
import { SearchField } from '../SearchField';
import { RoleMappingRow } from './RoleMappingRow';
import { useRoleMappings } from './useRoleMappings';

const PAGE_SIZES = [10, 25, 50];

/** Who can do what to the entity's cloud resource: paged on the server. */
export function RoleMappingsCard() {
  const classes = useTableStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [principal, setPrincipal] = useState('');
  const [levels, setLevels] = useState<AccessLevel[]>([]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  const { value, loading, error } = useRoleMappings(entityRef, {
    principal: principal || undefined,
    accessLevel: levels.length ? levels : undefined,
    offset: page * pageSize,
    limit: pageSize,
  });
  const filtered = principal !== '' || levels.length > 0;

  return (
    <InfoCard title="Who can access it" noPadding>
      <Box display="flex" flexWrap="wrap" p={2} style={{ gap: 16 }}>
        <SearchField
          id="role-mappings-search"
          label="Search principals"
          value={principal}
          onChange={next => {
            setPrincipal(next);
            setPage(0);
          }}
        />
        <MultiSelectFilter
          id="role-mappings-access-level"
          label="Access level"
          options={ACCESS_LEVELS}
          value={levels}
          minWidth={200}
          onChange={next => {
            setLevels(next as AccessLevel[]);
            setPage(0);
          }}
        />
      </Box>
      {loading && value && <LinearProgress aria-label="Loading role mappings" />}
      <AsyncContent
        value={value}
        error={error}
        isEmpty={v => v.totalCount === 0}
        emptyTestId="role-mappings-empty"
        empty={
          filtered
            ? 'No role mappings match these filters.'
            : 'No IAM principal can reach this resource in the latest snapshot.'
        }
      >
        {mappings => (
          <>
            <Table size="small" aria-label="Role mappings">
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell>Principal</TableCell>
                  <TableCell>Access level</TableCell>
                  <TableCell>Path</TableCell>
                  <TableCell align="right">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {mappings.items.map((entry, index) => (
                  <RoleMappingRow
                    key={`${entry.resourceArn}|${entry.principalArn}|${entry.accessLevel}|${entry.path.kind}|${entry.path.via.join(',')}|${index}`}
                    entry={entry}
                  />
                ))}
              </TableBody>
            </Table>
            <TablePagination
              component="div"
              count={mappings.totalCount}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={PAGE_SIZES}
              onPageChange={(_event, next) => setPage(next)}
              onRowsPerPageChange={event => {
                setPageSize(Number(event.target.value));
                setPage(0);
              }}
            />
          </>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
