import Tooltip from '@material-ui/core/Tooltip';
import { ReactNode } from 'react';

/**
 * Text with more detail on hover. The trigger takes keyboard focus so that
 * the tooltip opens from the keyboard too, as the ARIA tooltip pattern asks.
 */
export function InfoTip(props: { title: string; children: ReactNode }) {
  const trigger = (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <span tabIndex={0} style={{ cursor: 'help' }}>
      {props.children}
    </span>
  );
  return <Tooltip title={props.title}>{trigger}</Tooltip>;
}
