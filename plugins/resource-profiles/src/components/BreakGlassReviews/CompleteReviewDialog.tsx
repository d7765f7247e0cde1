import { useApi } from '@backstage/core-plugin-api';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { FormDialog, TextAreaField } from '../AccessRequests/FormDialog';

export const MIN_NOTES = 10;

/** Closes the mandatory review of a break-glass activation, with notes. */
export function CompleteReviewDialog(props: {
  request: AccessRequest;
  onClose: () => void;
  onCompleted: (request: AccessRequest) => void;
}) {
  const { request, onClose, onCompleted } = props;
  const api = useApi(resourceProfilesApiRef);
  const [notes, setNotes] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const length = notes.trim().length;
  const notesError =
    length < MIN_NOTES
      ? `Write down what was reviewed and the outcome: at least ${MIN_NOTES} characters (${length} so far)`
      : undefined;

  const [state, submit] = useAsyncFn(async () => {
    onCompleted(await api.completeBreakGlassReview(request.id, notes.trim()));
  }, [api, request.id, notes, onCompleted]);

  return (
    <FormDialog
      id="complete-review"
      title="Complete break-glass review"
      intro={
        <>
          {request.requester} used break-glass for{' '}
          <strong>{request.role.name}</strong> on{' '}
          <strong>{request.entityRef}</strong>: “{request.justification}”
        </>
      }
      error={state.error}
      submitLabel="Complete review"
      submitDisabled={state.loading}
      onClose={onClose}
      onSubmit={() => {
        setSubmitted(true);
        if (!notesError && !state.loading) submit();
      }}
    >
      <TextAreaField
        id="break-glass-review-notes"
        label="Review notes"
        required
        value={notes}
        onChange={setNotes}
        error={submitted ? notesError : undefined}
        helperText="Was the use justified, what was done, and any follow-up."
      />
    </FormDialog>
  );
}
