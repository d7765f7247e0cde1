import { useApi } from '@backstage/core-plugin-api';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { resourceProfilesApiRef } from '../../api';
import { ReasonDialog } from '../AccessRequests/ReasonDialog';

export const MIN_NOTES = 10;

/** Closes the mandatory review of a break-glass activation, with notes. */
export function CompleteReviewDialog(props: {
  request: AccessRequest;
  onClose: () => void;
  onCompleted: (request: AccessRequest) => void;
}) {
  const { request, onClose, onCompleted } = props;
  const api = useApi(resourceProfilesApiRef);
  return (
    <ReasonDialog
      id="complete-review"
      title="Complete break-glass review"
      intro={
        <>
          {request.requester} used break-glass for{' '}
          <strong>{request.role.name}</strong> on{' '}
          <strong>{request.entityRef}</strong>: “{request.justification}”
        </>
      }
      label="Review notes"
      helperText="Was the use justified, what was done, and any follow-up."
      minLength={MIN_NOTES}
      tooShort={length =>
        `Write down what was reviewed and the outcome: at least ${MIN_NOTES} characters (${length} so far)`
      }
      submitLabel="Complete review"
      send={notes => api.completeBreakGlassReview(request.id, notes)}
      onDone={onCompleted}
      onClose={onClose}
    />
  );
}
