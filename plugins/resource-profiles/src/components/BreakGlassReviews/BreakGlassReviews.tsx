import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useTableStyles } from '../../lib/styles';
import { AccessRequestStateChip } from '../AccessRequests/AccessRequestStateChip';
import { PagedListCard, usePaging } from '../AccessRequests/PagedListCard';
import { useAccessRequests } from '../AccessRequests/useAccessRequests';
import { formatHours } from '../AccessRequests/wording';
import { CompleteReviewDialog } from './CompleteReviewDialog';

/** Break-glass activations whose mandatory review is still open. */
export function BreakGlassReviews() {
  const classes = useTableStyles();
  const paging = usePaging([25]);
  const [reviewing, setReviewing] = useState<AccessRequest>();
  const [completed, setCompleted] = useState<AccessRequest>();
  const state = useAccessRequests({
    view: 'all',
    reviewPending: true,
    offset: paging.offset,
    limit: paging.limit,
  });
  const { value, retry } = state;
  const onCompleted = useCallback(
    (request: AccessRequest) => {
      setReviewing(undefined);
      setCompleted(request);
      retry();
    },
    [retry],
  );

  return (
    <>
      <PagedListCard
        title={
          value
            ? `Open break-glass reviews (${value.totalCount})`
            : 'Open break-glass reviews'
        }
        notice={
          completed &&
          `Review of ${completed.requester}'s break-glass on ${completed.entityRef} completed.`
        }
        onNoticeClose={() => setCompleted(undefined)}
        state={state}
        loadingLabel="Loading break-glass reviews"
        empty="No break-glass review is open."
        emptyTestId="break-glass-empty"
        paging={paging}
      >
        {items => (
          <Table size="small" aria-label="Open break-glass reviews">
            <TableHead className={classes.head}>
              <TableRow>
                <TableCell>Requester</TableCell>
                <TableCell>Resource</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Activated</TableCell>
                <TableCell>Duration</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Justification</TableCell>
                <TableCell align="right">Review</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(request => (
                <TableRow
                  key={request.id}
                  data-testid="break-glass-review"
                  style={{ verticalAlign: 'top' }}
                >
                  <TableCell>{request.requester}</TableCell>
                  <TableCell>
                    <EntityRefLink entityRef={request.entityRef} />
                  </TableCell>
                  <TableCell>{request.role.name}</TableCell>
                  <TableCell className={classes.nowrap}>
                    {formatDateTime(request.activatedAt ?? request.createdAt)}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {formatHours(request.durationHours)}
                  </TableCell>
                  <TableCell>
                    <AccessRequestStateChip state={request.state} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                    {request.justification}
                    {request.ticket && ` (${request.ticket})`}
                  </TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      variant="outlined"
                      color="primary"
                      aria-label={`Complete review of ${request.requester}'s break-glass on ${request.entityRef}`}
                      onClick={() => {
                        setCompleted(undefined);
                        setReviewing(request);
                      }}
                    >
                      Complete review
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </PagedListCard>
      {reviewing && (
        <CompleteReviewDialog
          request={reviewing}
          onClose={() => setReviewing(undefined)}
          onCompleted={onCompleted}
        />
      )}
    </>
  );
}
