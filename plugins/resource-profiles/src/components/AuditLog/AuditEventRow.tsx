import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { AuditEvent } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';

export const AUDIT_COLUMNS = 6;

/** One audit event; expands to its details and its link in the hash chain. */
export function AuditEventRow(props: { event: AuditEvent; nowrap: string }) {
  const { event, nowrap } = props;
  const [open, setOpen] = useState(false);
  const detailsId = `audit-event-${event.seq}-details`;
  return (
    <>
      <TableRow data-testid="audit-event">
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'Hide' : 'Show'} details of event #${
              event.seq
            }`}
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>{event.seq}</TableCell>
        <TableCell className={nowrap}>{formatDateTime(event.at)}</TableCell>
        <TableCell>{event.actor}</TableCell>
        <TableCell className={nowrap}>
          <code>{event.action}</code>
        </TableCell>
        <TableCell style={{ wordBreak: 'break-all' }}>
          {event.subject}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow id={detailsId}>
          <TableCell colSpan={AUDIT_COLUMNS}>
            <Typography variant="caption" color="textSecondary" component="div">
              Hash <code>{event.hash}</code> — previous{' '}
              <code>{event.prevHash}</code>
            </Typography>
            <pre
              style={{
                margin: '8px 0 0',
                whiteSpace: 'pre-wrap',
                fontSize: 12,
              }}
            >
              {JSON.stringify(event.details, null, 2)}
            </pre>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
