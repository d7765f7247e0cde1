import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';
import { approvalProgress, formatHours } from '../AccessRequests/wording';
import { Field } from '../AccessRequests/Field';
import { RequirementSummary } from '../AccessRequests/RequirementSummary';
import { Decision } from './DecisionDialog';

/**
 * One request waiting for the caller's decision, with its SoD context; once
 * the caller has decided, what they decided instead of the buttons.
 */
export function PendingRequestCard(props: {
  request: AccessRequest;
  /** The signed-in user's entity ref, to recognise their own decision. */
  userRef?: string;
  onDecide: (decision: Decision) => void;
}) {
  const { request, userRef, onDecide } = props;
  const mine = request.decisions.find(d => d.approver === userRef);
  const approvers = request.decisions
    .filter(d => d.decision === 'approve')
    .map(d => (d.asSecurity ? `${d.approver} (security)` : d.approver));
  const label = `${request.role.name} on ${request.entityRef} for ${request.requester}`;

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`Request: ${label}`}
      data-testid="pending-request"
      data-request-id={request.id}
    >
      <Box p={2} display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="h6" component="h3">
            {request.requester} requests <code>{request.role.name}</code> on{' '}
            <EntityRefLink entityRef={request.entityRef} />
          </Typography>
          {request.breakGlass && (
            <Chip size="small" label="break-glass" color="secondary" />
          )}
        </Box>
        <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
          <Field label="Duration">{formatHours(request.durationHours)}</Field>
          <Field label="Requested">{formatDateTime(request.createdAt)}</Field>
          {request.pendingUntil && (
            <Field label="Lapses">{formatDateTime(request.pendingUntil)}</Field>
          )}
          <Field label="Ticket">{request.ticket ?? '—'}</Field>
          <Field label="Approvals so far">
            <span data-testid="approval-progress">
              {approvalProgress(request)}
            </span>
            {approvers.length > 0 && ` (${approvers.join(', ')})`}
          </Field>
        </Box>
        <Field label="Justification">
          <span style={{ whiteSpace: 'pre-wrap' }}>
            {request.justification}
          </span>
        </Field>
        <Field label="Grants">
          <code>{request.role.target}</code>
          {request.principalArns.length > 0 && (
            <>
              {' to '}
              {request.principalArns.map(arn => (
                <code key={arn} style={{ marginRight: 8 }}>
                  {arn}
                </code>
              ))}
            </>
          )}
        </Field>
        <RequirementSummary requirement={request.requirement} />
        {mine ? (
          <Typography variant="body2" data-testid="my-decision">
            You {mine.decision === 'approve' ? 'approved' : 'denied'} this
            request on {formatDateTime(mine.decidedAt)}; it waits for the other
            approvers.
          </Typography>
        ) : (
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="primary"
              aria-label={`Approve ${label}`}
              onClick={() => onDecide('approve')}
            >
              Approve
            </Button>
            <Button
              variant="outlined"
              aria-label={`Deny ${label}`}
              onClick={() => onDecide('deny')}
            >
              Deny
            </Button>
          </Box>
        )}
      </Box>
    </Paper>
  );
}
