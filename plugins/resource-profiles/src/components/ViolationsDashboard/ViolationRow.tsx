import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Violation,
  violationAcceptRiskPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import { formatDate, refName } from '../../lib/format';
import { useTableStyles } from '../../lib/styles';
import { SeverityChip } from '../SeverityChip';
import { ViolationDetails } from '../ViolationDetails';

export const VIOLATION_COLUMNS = 9;

function StatusCell(props: { violation: Violation }) {
  const { violation } = props;
  if (violation.status === 'accepted' && violation.acceptance) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label={`accepted until ${formatDate(violation.acceptance.expiresAt)}`}
        title={`${violation.acceptance.acceptedBy}: ${violation.acceptance.justification}`}
      />
    );
  }
  return <Chip size="small" variant="outlined" label={violation.status} />;
}

export function ViolationRow(props: {
  violation: Violation;
  onAcceptRisk: (violation: Violation) => void;
  onRevoke: (violation: Violation) => void;
}) {
  const { violation, onAcceptRisk, onRevoke } = props;
  const classes = useTableStyles();
  const [open, setOpen] = useState(false);
  // The server decides either way; the buttons are only offered to those it would let through.
  const { allowed: mayAcceptRisk } = usePermission({
    permission: violationAcceptRiskPermission,
    resourceRef: violation.id,
  });
  const detailsId = `violation-row-${violation.id}`;
  const entityRef = violation.entityRefs[0];
  return (
    <>
      <TableRow data-testid="violation-row" style={{ verticalAlign: 'top' }}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={open ? 'Hide evidence' : 'Show evidence'}
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <SeverityChip severity={violation.severity} />
        </TableCell>
        <TableCell style={{ minWidth: 240 }}>
          <Typography variant="body2">{violation.title}</Typography>
          {violation.principal && (
            <Typography variant="caption" color="textSecondary" title={violation.principal.arn}>
              {violation.principal.type} {violation.principal.name}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          {violation.rule}
          {violation.method && (
            <Typography variant="caption" color="textSecondary" display="block">
              {violation.method}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <span data-testid="violation-owner">
            {violation.owner ? refName(violation.owner) : '—'}
          </span>
          {violation.environment && (
            <Typography variant="caption" color="textSecondary" display="block">
              {violation.environment}
            </Typography>
          )}
        </TableCell>
        <TableCell
          style={{ minWidth: 160, overflowWrap: 'anywhere' }}
          data-testid="violation-entity"
        >
          {entityRef ? <EntityRefLink entityRef={entityRef} /> : '—'}
        </TableCell>
        <TableCell>
          <StatusCell violation={violation} />
        </TableCell>
        <TableCell className={classes.nowrap}>
          {formatDate(violation.firstSeenAt)}
          <Typography variant="caption" color="textSecondary" display="block">
            last {formatDate(violation.lastSeenAt)}
          </Typography>
        </TableCell>
        <TableCell className={classes.nowrap}>
          {mayAcceptRisk && violation.status === 'open' && (
            <Button size="small" color="primary" onClick={() => onAcceptRisk(violation)}>
              Accept risk
            </Button>
          )}
          {mayAcceptRisk && violation.status === 'accepted' && (
            <Button size="small" onClick={() => onRevoke(violation)}>
              Revoke
            </Button>
          )}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={VIOLATION_COLUMNS} style={{ paddingTop: 0, paddingBottom: 0, borderBottom: open ? undefined : 'none' }}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <div style={{ padding: '16px 0' }} id={detailsId}>
              <ViolationDetails violation={violation} />
            </div>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}
