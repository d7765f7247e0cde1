import Typography from '@material-ui/core/Typography';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';
import { TimeLeft } from './TimeLeft';

/** Time left on an active grant, when a pending request lapses, or when it ended. */
export function AccessRequestTiming(props: { request: AccessRequest }) {
  const { request } = props;
  if (request.state === 'active' && request.expiresAt) {
    return <TimeLeft until={request.expiresAt} />;
  }
  let text = '—';
  if (request.state === 'pending' && request.pendingUntil) {
    text = `Lapses ${formatDateTime(request.pendingUntil)}`;
  } else if (request.state === 'approved' || request.state === 'grant-failed') {
    text = 'Not active yet';
  } else if (request.endedAt) {
    text = `Ended ${formatDateTime(request.endedAt)}`;
  }
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      {text}
    </Typography>
  );
}
