import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import TablePagination from '@material-ui/core/TablePagination';
import Alert from '@material-ui/lab/Alert';
import { Page } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactNode, useState } from 'react';
import { AsyncContent } from '../AsyncContent';

/** Page number and size of a server-paged list. */
export function usePaging(sizes: number[]) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(sizes[0]);
  return {
    page,
    pageSize,
    sizes,
    offset: page * pageSize,
    limit: pageSize,
    setPage,
    setPageSize: (size: number) => {
      setPageSize(size);
      setPage(0);
    },
  };
}
export type Paging = ReturnType<typeof usePaging>;

/**
 * A card around one page of a server-paged list: a notice after an action,
 * the loading bar while the next page loads, the loading, error and empty
 * states, and the page controls when there is more than one page.
 */
export function PagedListCard<T>(props: {
  title: string;
  action?: ReactNode;
  toolbar?: ReactNode;
  notice?: string;
  onNoticeClose?: () => void;
  state: { value?: Page<T>; loading: boolean; error?: Error };
  loadingLabel: string;
  empty: ReactNode;
  emptyTestId: string;
  paging: Paging;
  children: (items: T[]) => ReactNode;
}) {
  const { state, paging } = props;
  return (
    <InfoCard title={props.title} action={props.action} noPadding>
      {props.toolbar}
      {props.notice && (
        <Box p={2} pb={0}>
          <Alert severity="success" onClose={props.onNoticeClose}>
            {props.notice}
          </Alert>
        </Box>
      )}
      {state.loading && state.value && (
        <LinearProgress aria-label={props.loadingLabel} />
      )}
      <AsyncContent
        value={state.value}
        error={state.error}
        isEmpty={v => v.totalCount === 0}
        empty={props.empty}
        emptyTestId={props.emptyTestId}
      >
        {value => (
          <>
            {props.children(value.items)}
            {(value.totalCount > paging.sizes[0] || paging.page > 0) && (
              <TablePagination
                component="div"
                count={value.totalCount}
                page={paging.page}
                rowsPerPage={paging.pageSize}
                rowsPerPageOptions={paging.sizes}
                onPageChange={(_event, next) => paging.setPage(next)}
                onRowsPerPageChange={event =>
                  paging.setPageSize(Number(event.target.value))
                }
              />
            )}
          </>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
