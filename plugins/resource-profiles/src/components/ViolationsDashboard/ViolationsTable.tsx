import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { Page, Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactNode } from 'react';
import { srOnly, useTableStyles } from '../../lib/styles';
import { DashboardState, OrderField, PAGE_SIZES } from './dashboardState';
import { ViolationRow } from './ViolationRow';

/** The direction a column sorts in first: most severe and newest first. */
const FIRST_DIRECTION: Record<OrderField, 'asc' | 'desc'> = {
  severity: 'asc',
  rule: 'asc',
  owner: 'asc',
  firstSeenAt: 'desc',
  lastSeenAt: 'desc',
};

const flip = (direction: 'asc' | 'desc') => (direction === 'asc' ? 'desc' : 'asc');

export function ViolationsTable(props: {
  page: Page<Violation>;
  state: DashboardState;
  onSort: (orderBy: OrderField, order: 'asc' | 'desc') => void;
  onPage: (page: number, pageSize: number) => void;
  onAcceptRisk: (violation: Violation) => void;
  onRevoke: (violation: Violation) => void;
}) {
  const { page, state, onSort } = props;
  const classes = useTableStyles();

  const sortLabel = (field: OrderField, label: ReactNode) => {
    const active = state.orderBy === field;
    const direction = active ? state.order ?? FIRST_DIRECTION[field] : FIRST_DIRECTION[field];
    return (
      <TableSortLabel
        active={active}
        direction={direction}
        onClick={() => onSort(field, active ? flip(direction) : FIRST_DIRECTION[field])}
      >
        {label}
      </TableSortLabel>
    );
  };
  const sortDirection = (fields: OrderField[]) =>
    state.orderBy && fields.includes(state.orderBy) ? state.order ?? FIRST_DIRECTION[state.orderBy] : false;
  const sortable = (field: OrderField, label: ReactNode) => (
    <TableCell sortDirection={sortDirection([field])}>{sortLabel(field, label)}</TableCell>
  );

  return (
    <>
      <Table size="small" aria-label="Violations">
        <TableHead className={classes.head}>
          <TableRow>
            <TableCell padding="checkbox">
              <span style={srOnly}>Evidence</span>
            </TableCell>
            {sortable('severity', 'Severity')}
            <TableCell>Violation</TableCell>
            {sortable('rule', 'Rule')}
            {sortable('owner', 'Owner')}
            <TableCell>Entity</TableCell>
            <TableCell>Status</TableCell>
            <TableCell sortDirection={sortDirection(['firstSeenAt', 'lastSeenAt'])}>
              {sortLabel('firstSeenAt', 'First seen')}
              <br />
              {sortLabel('lastSeenAt', 'Last seen')}
            </TableCell>
            <TableCell>
              <span style={srOnly}>Actions</span>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.items.map(violation => (
            <ViolationRow
              key={violation.id}
              violation={violation}
              onAcceptRisk={props.onAcceptRisk}
              onRevoke={props.onRevoke}
            />
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={page.totalCount}
        page={Math.min(state.page, Math.max(0, Math.ceil(page.totalCount / state.pageSize) - 1))}
        rowsPerPage={state.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => props.onPage(next, state.pageSize)}
        onRowsPerPageChange={event => props.onPage(0, Number(event.target.value))}
      />
    </>
  );
}
