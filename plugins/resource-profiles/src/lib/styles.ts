import { makeStyles } from '@material-ui/core/styles';

/** Table headers and short values (dates, chips) that must not wrap. */
export const useTableStyles = makeStyles({
  head: { '& th': { whiteSpace: 'nowrap' } },
  nowrap: { whiteSpace: 'nowrap' },
});
