import Chip from '@material-ui/core/Chip';
import { AccessRequestState } from '@resource-profiles/backstage-plugin-resource-profiles-common';

const COLORS: Record<
  AccessRequestState,
  { background: string; color: string }
> = {
  pending: { background: '#fff8e1', color: '#8a5300' },
  approved: { background: '#e3f2fd', color: '#0d47a1' },
  active: { background: '#e8f5e9', color: '#1b5e20' },
  'grant-failed': { background: '#ffebee', color: '#b71c1c' },
  expired: { background: '#eeeeee', color: '#424242' },
  revoked: { background: '#eeeeee', color: '#424242' },
  denied: { background: '#fce4ec', color: '#880e4f' },
  cancelled: { background: '#eeeeee', color: '#424242' },
};

/** The lifecycle state of an access request as a coloured chip. */
export function AccessRequestStateChip(props: { state: AccessRequestState }) {
  return (
    <Chip
      size="small"
      label={props.state}
      style={COLORS[props.state]}
      data-testid="access-request-state"
    />
  );
}
