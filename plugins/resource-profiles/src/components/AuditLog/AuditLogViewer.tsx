import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';
import { useTableStyles } from '../../lib/styles';
import { PagedListCard, usePaging } from '../AccessRequests/PagedListCard';
import { SearchField } from '../SearchField';
import { AuditEventRow } from './AuditEventRow';
import { AuditExportButtons } from './AuditExportButtons';
import { AuditVerificationStatus } from './AuditVerificationStatus';

/**
 * The tamper-evident audit trail: requests, decisions, grants, expiries,
 * revocations, break-glass, syncs and suppressions, paged on the server,
 * with the verification of its hash chain and exports for auditors.
 */
export function AuditLogViewer() {
  const classes = useTableStyles();
  const api = useApi(resourceProfilesApiRef);
  const [subject, setSubject] = useState('');
  const paging = usePaging([25, 50, 100]);
  const { offset, limit, setPage } = paging;
  const state = useAsync(
    () => api.getAuditEvents({ subject: subject || undefined, offset, limit }),
    [api, subject, offset, limit],
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <AuditVerificationStatus />
      <PagedListCard
        title="Audit trail"
        toolbar={
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            justifyContent="space-between"
            p={2}
            style={{ gap: 16 }}
          >
            <SearchField
              id="audit-subject"
              label="Subject"
              value={subject}
              onChange={next => {
                setSubject(next);
                setPage(0);
              }}
            />
            <AuditExportButtons />
          </Box>
        }
        state={state}
        loadingLabel="Loading audit events"
        empty={
          subject
            ? `No audit events about “${subject}”.`
            : 'The audit trail is empty.'
        }
        emptyTestId="audit-empty"
        paging={paging}
      >
        {items => (
          <Table size="small" aria-label="Audit events">
            <TableHead className={classes.head}>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>Seq</TableCell>
                <TableCell>Time</TableCell>
                <TableCell>Actor</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Subject</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(event => (
                <AuditEventRow
                  key={event.seq}
                  event={event}
                  nowrap={classes.nowrap}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </PagedListCard>
    </Box>
  );
}
