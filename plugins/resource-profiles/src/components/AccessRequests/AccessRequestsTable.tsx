import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Fragment, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { srOnly, useTableStyles } from '../../lib/styles';
import {
  AccessRequestAction,
  AccessRequestActions,
} from './AccessRequestActions';
import { AccessRequestDetails } from './AccessRequestDetails';
import {
  AccessRequestDetailsButton,
  detailsId,
} from './AccessRequestDetailsButton';
import { AccessRequestStateChip } from './AccessRequestStateChip';
import { AccessRequestTiming } from './AccessRequestTiming';
import { EndAccessDialog } from './EndAccessDialog';
import { ExtendAccessDialog } from './ExtendAccessDialog';
import { ExtendsNote } from './ExtendsNote';
import { approvalProgress, formatHours } from './wording';

function DecisionNotes(props: { request: AccessRequest }) {
  const denials = props.request.decisions.filter(d => d.decision === 'deny');
  if (denials.length === 0) return null;
  return (
    <Typography variant="caption" display="block" color="textSecondary">
      Denied by{' '}
      {denials
        .map(d => (d.comment ? `${d.approver}: “${d.comment}”` : d.approver))
        .join('; ')}
    </Typography>
  );
}

/** Which rows show their details; each row opens and closes on its own. */
function useOpenRows() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen(previous => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return { isOpen: (id: string) => open.has(id), toggle };
}

/**
 * The caller's own requests: state, approvals so far, time left on active
 * grants, the last actuator error, Cancel while a request is pending, and
 * Extend and End access while a grant is active. Each row opens to the
 * request's details beneath it.
 */
export function AccessRequestsTable(props: {
  requests: AccessRequest[];
  showEntity?: boolean;
  onChanged: () => void;
}) {
  const { requests, showEntity, onChanged } = props;
  const classes = useTableStyles();
  const api = useApi(resourceProfilesApiRef);
  const [cancelling, setCancelling] = useState<string>();
  const [dialog, setDialog] = useState<{
    action: Exclude<AccessRequestAction, 'cancel'>;
    request: AccessRequest;
  }>();
  const [cancelState, cancel] = useAsyncFn(
    async (id: string) => {
      setCancelling(id);
      try {
        await api.cancelAccessRequest(id);
        onChanged();
      } finally {
        setCancelling(undefined);
      }
    },
    [api, onChanged],
  );
  const onAction = (action: AccessRequestAction, request: AccessRequest) =>
    action === 'cancel' ? cancel(request.id) : setDialog({ action, request });
  const closeDialog = () => setDialog(undefined);
  const closeDialogAndReload = () => {
    setDialog(undefined);
    onChanged();
  };
  const rows = useOpenRows();
  const columns = showEntity ? 9 : 8;

  return (
    <>
      {cancelState.error && (
        <Box p={2}>
          <Alert severity="error" role="alert">
            Could not cancel the request: {errorMessage(cancelState.error)}
          </Alert>
        </Box>
      )}
      <Table size="small" aria-label="Access requests">
        <TableHead className={classes.head}>
          <TableRow>
            <TableCell padding="checkbox">
              <span style={srOnly}>Details</span>
            </TableCell>
            {showEntity && <TableCell>Resource</TableCell>}
            <TableCell>Role</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Approvals</TableCell>
            <TableCell>Time left</TableCell>
            <TableCell>Requested</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {requests.map(request => (
            <Fragment key={request.id}>
              <TableRow
                data-testid="access-request-row"
                data-request-id={request.id}
                style={{ verticalAlign: 'top' }}
              >
                <TableCell padding="checkbox">
                  <AccessRequestDetailsButton
                    request={request}
                    open={rows.isOpen(request.id)}
                    onToggle={() => rows.toggle(request.id)}
                  />
                </TableCell>
                {showEntity && (
                  <TableCell>
                    <EntityRefLink entityRef={request.entityRef} />
                  </TableCell>
                )}
                <TableCell title={request.role.target}>
                  <Typography variant="body2" style={{ fontWeight: 500 }}>
                    {request.role.name}
                  </Typography>
                  {request.ticket && (
                    <Typography variant="caption" color="textSecondary">
                      {request.ticket}
                    </Typography>
                  )}
                  {request.extends && (
                    <ExtendsNote
                      originalId={request.extends}
                      listed={requests.find(r => r.id === request.extends)}
                    />
                  )}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {formatHours(request.durationHours)}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <AccessRequestStateChip state={request.state} />
                  {request.breakGlass && (
                    <Chip
                      size="small"
                      label="break-glass"
                      variant="outlined"
                      style={{ marginLeft: 4 }}
                    />
                  )}
                </TableCell>
                <TableCell data-testid="approval-progress">
                  {approvalProgress(request)}
                  <DecisionNotes request={request} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <AccessRequestTiming request={request} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {formatDateTime(request.createdAt)}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  <AccessRequestActions
                    request={request}
                    busy={cancelling === request.id}
                    onAction={onAction}
                  />
                </TableCell>
              </TableRow>
              {rows.isOpen(request.id) && (
                <TableRow id={detailsId(request)}>
                  <TableCell colSpan={columns}>
                    <AccessRequestDetails request={request} />
                  </TableCell>
                </TableRow>
              )}
              {request.lastError && (
                <TableRow>
                  <TableCell colSpan={columns}>
                    <Alert severity="error" data-testid="access-request-error">
                      {request.state === 'grant-failed'
                        ? 'The grant could not be applied and is being retried: '
                        : 'Last error: '}
                      {request.lastError}
                    </Alert>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
      {dialog?.action === 'end' && (
        <EndAccessDialog
          request={dialog.request}
          onClose={closeDialog}
          onEnded={closeDialogAndReload}
        />
      )}
      {dialog?.action === 'extend' && (
        <ExtendAccessDialog
          grant={dialog.request}
          onClose={closeDialog}
          onCreated={closeDialogAndReload}
        />
      )}
    </>
  );
}
