import { useApi } from '@backstage/core-plugin-api';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { FormDialog, TextAreaField } from './FormDialog';

/** The server asks for at least this much of a reason. */
const MIN_REASON = 3;

/**
 * Ends an active grant before it expires: the actuator removes the access
 * now, and the reason goes into the audit trail.
 */
export function EndAccessDialog(props: {
  request: AccessRequest;
  onClose: () => void;
  onEnded: (request: AccessRequest) => void;
}) {
  const { request, onClose, onEnded } = props;
  const api = useApi(resourceProfilesApiRef);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON;

  const [state, submit] = useAsyncFn(async () => {
    onEnded(await api.revokeAccessRequest(request.id, reason.trim()));
  }, [api, request.id, reason, onEnded]);

  return (
    <FormDialog
      id="end-access"
      title="End access now"
      intro={
        <>
          <strong>{request.role.name}</strong> on <strong>{request.entityRef}</strong> for{' '}
          {request.requester} is removed now instead of when it expires.
        </>
      }
      error={state.error}
      submitLabel="End access"
      submitColor="secondary"
      submitDisabled={state.loading}
      onClose={onClose}
      onSubmit={() => {
        setTouched(true);
        if (!tooShort && !state.loading) submit();
      }}
    >
      <TextAreaField
        id="end-access-reason"
        label="Reason"
        required
        minRows={2}
        value={reason}
        onChange={setReason}
        error={touched && tooShort ? 'Say why the access ends early.' : undefined}
        helperText="Recorded in the audit trail."
      />
    </FormDialog>
  );
}
