import { makeStyles } from '@material-ui/core/styles';
import { CSSProperties } from 'react';

/** Table headers and short values (dates, chips) that must not wrap. */
export const useTableStyles = makeStyles({
  head: { '& th': { whiteSpace: 'nowrap' } },
  nowrap: { whiteSpace: 'nowrap' },
});

/** Text for screen readers only, e.g. the header of a column of buttons. */
export const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};
