import { AccessRequestsTable } from './AccessRequestsTable';
import { PagedListCard, usePaging } from './PagedListCard';
import { useAccessRequests } from './useAccessRequests';

/** All of the signed-in user's requests, across resources, newest first. */
export function MyAccessRequests() {
  const paging = usePaging([10, 25, 50]);
  const state = useAccessRequests({
    view: 'mine',
    offset: paging.offset,
    limit: paging.limit,
  });
  return (
    <PagedListCard
      title="My requests"
      state={state}
      loadingLabel="Loading my requests"
      empty="You have not requested access yet. Open a resource in the catalog and use “Request access” on its Access tab."
      emptyTestId="my-requests-empty"
      paging={paging}
    >
      {items => (
        <AccessRequestsTable
          requests={items}
          showEntity
          onChanged={state.retry}
        />
      )}
    </PagedListCard>
  );
}
