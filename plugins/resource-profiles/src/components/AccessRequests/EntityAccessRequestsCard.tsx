import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useState } from 'react';
import { AccessRequestsTable } from './AccessRequestsTable';
import { PagedListCard, usePaging } from './PagedListCard';
import { RequestAccessButton } from './RequestAccessButton';
import { useAccessRequests } from './useAccessRequests';
import { approvalProgress } from './wording';

function createdMessage(request: AccessRequest): string {
  if (request.state === 'active') {
    return `Access to ${request.role.name} is active now.`;
  }
  if (request.state === 'pending') {
    return `Request sent for ${request.role.name}: ${approvalProgress(
      request,
    )} so far.`;
  }
  return `Request for ${request.role.name} is ${request.state}.`;
}

/**
 * The signed-in user's requests for the entity on the page, with time left
 * on active grants, and the "Request access" button.
 */
export function EntityAccessRequestsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const paging = usePaging([10]);
  const [notice, setNotice] = useState<string>();
  const state = useAccessRequests({
    view: 'mine',
    entityRef,
    offset: paging.offset,
    limit: paging.limit,
  });
  const { retry } = state;
  const { setPage } = paging;
  const onCreated = useCallback(
    (request: AccessRequest) => {
      setNotice(createdMessage(request));
      setPage(0);
      retry();
    },
    [retry, setPage],
  );

  return (
    <PagedListCard
      title="My requests and active grants"
      action={
        <Box pt={1} pr={1}>
          <RequestAccessButton onCreated={onCreated} />
        </Box>
      }
      notice={notice}
      onNoticeClose={() => setNotice(undefined)}
      state={state}
      loadingLabel="Loading access requests"
      empty="You have no requests or grants for this resource."
      emptyTestId="access-requests-empty"
      paging={paging}
    >
      {items => <AccessRequestsTable requests={items} onChanged={retry} />}
    </PagedListCard>
  );
}
