import { useApi } from '@backstage/core-plugin-api';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { responseStatus } from '../../lib/errors';
import { FormDialog, TextAreaField } from '../AccessRequests/FormDialog';
import { formatHours } from '../AccessRequests/wording';

export type Decision = 'approve' | 'deny';

/**
 * Approve or deny one request with an optional comment. Sends the version
 * the approver saw, so a decision on a request that changed meanwhile is
 * refused by the server rather than applied blindly.
 */
export function DecisionDialog(props: {
  request: AccessRequest;
  decision: Decision;
  onClose: () => void;
  onDecided: (request: AccessRequest) => void;
  /** Called when the server says the request changed since it was loaded. */
  onStale: () => void;
}) {
  const { request, decision, onClose, onDecided, onStale } = props;
  const api = useApi(resourceProfilesApiRef);
  const [comment, setComment] = useState('');
  const verb = decision === 'approve' ? 'Approve' : 'Deny';

  const [state, submit] = useAsyncFn(async () => {
    try {
      const decided = await api.decideAccessRequest(request.id, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        version: request.version,
      });
      onDecided(decided);
    } catch (error) {
      if (responseStatus(error) === 409) onStale();
      throw error;
    }
  }, [api, request.id, request.version, decision, comment, onDecided, onStale]);

  return (
    <FormDialog
      id="decision"
      title={`${verb} request`}
      intro={
        <>
          {request.requester} asks for <strong>{request.role.name}</strong> on{' '}
          <strong>{request.entityRef}</strong> for{' '}
          {formatHours(request.durationHours)}.
        </>
      }
      error={state.error}
      errorHint={
        responseStatus(state.error) === 409 &&
        ' The request has been reloaded; check it and decide again.'
      }
      submitLabel={verb}
      submitColor={decision === 'approve' ? 'primary' : 'secondary'}
      submitDisabled={state.loading}
      onClose={onClose}
      onSubmit={() => {
        if (!state.loading) submit();
      }}
    >
      <TextAreaField
        id="decision-comment"
        label="Comment (optional)"
        minRows={2}
        value={comment}
        onChange={setComment}
        helperText="The requester and the audit trail see this."
      />
    </FormDialog>
  );
}
