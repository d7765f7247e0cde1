import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { PagedListCard, usePaging } from '../AccessRequests/PagedListCard';
import { useAccessRequests } from '../AccessRequests/useAccessRequests';
import { approvalProgress } from '../AccessRequests/wording';
import { Decision, DecisionDialog } from './DecisionDialog';
import { PendingRequestCard } from './PendingRequestCard';

function decidedMessage(request: AccessRequest, decision: Decision): string {
  const what = `${request.requester}'s request for ${request.role.name} on ${request.entityRef}`;
  if (decision === 'deny') return `Denied ${what}.`;
  if (request.state === 'pending')
    return `Approved ${what}: ${approvalProgress(request)} so far.`;
  return `Approved ${what}: it is ${request.state} now.`;
}

/** The pending requests the signed-in user may decide. */
export function ApprovalsInbox() {
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const paging = usePaging([10]);
  const [open, setOpen] = useState<{
    request: AccessRequest;
    decision: Decision;
  }>();
  const [notice, setNotice] = useState<string>();
  const state = useAccessRequests({
    view: 'to-decide',
    offset: paging.offset,
    limit: paging.limit,
  });
  const { value, retry } = state;
  // The dialog shows the latest loaded version of the request it decides.
  const current =
    open && (value?.items.find(r => r.id === open.request.id) ?? open.request);

  const onDecided = useCallback(
    (decided: AccessRequest) => {
      setNotice(open ? decidedMessage(decided, open.decision) : undefined);
      setOpen(undefined);
      retry();
    },
    [open, retry],
  );

  return (
    <>
      <PagedListCard
        title={value ? `Approvals (${value.totalCount} pending)` : 'Approvals'}
        notice={notice}
        onNoticeClose={() => setNotice(undefined)}
        state={state}
        loadingLabel="Loading approvals"
        empty="Nothing to decide: no pending request needs your approval."
        emptyTestId="approvals-empty"
        paging={paging}
      >
        {items => (
          <Box p={2} display="flex" flexDirection="column" style={{ gap: 16 }}>
            {items.map(request => (
              <PendingRequestCard
                key={request.id}
                request={request}
                userRef={identity?.userEntityRef}
                onDecide={decision => {
                  setNotice(undefined);
                  setOpen({ request, decision });
                }}
              />
            ))}
          </Box>
        )}
      </PagedListCard>
      {open && current && (
        <DecisionDialog
          request={current}
          decision={open.decision}
          onClose={() => setOpen(undefined)}
          onDecided={onDecided}
          onStale={retry}
        />
      )}
    </>
  );
}
