import { useApi } from '@backstage/core-plugin-api';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { resourceProfilesApiRef } from '../../api';
import { ReasonDialog } from './ReasonDialog';

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
  return (
    <ReasonDialog
      id="end-access"
      title="End access now"
      intro={
        <>
          <strong>{request.role.name}</strong> on <strong>{request.entityRef}</strong> for{' '}
          {request.requester} is removed now instead of when it expires.
        </>
      }
      label="Reason"
      helperText="Recorded in the audit trail."
      minLength={MIN_REASON}
      tooShort={() => 'Say why the access ends early.'}
      submitLabel="End access"
      submitColor="secondary"
      minRows={2}
      send={reason => api.revokeAccessRequest(request.id, reason)}
      onDone={onEnded}
      onClose={onClose}
    />
  );
}
