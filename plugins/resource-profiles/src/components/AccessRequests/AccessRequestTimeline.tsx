import Typography from '@material-ui/core/Typography';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';
import { requestTimeline } from './timeline';

/**
 * The story of a request as an ordered list: requested, each decision with
 * its comment, the deadline, the grant, its end and the review.
 */
export function AccessRequestTimeline(props: { request: AccessRequest }) {
  const entries = requestTimeline(props.request);
  return (
    <ol
      aria-label="Timeline"
      data-testid="access-request-timeline"
      style={{ margin: 0, paddingLeft: 20 }}
    >
      {entries.map((entry, index) => (
        <li
          // Entries have no id; their order never changes for one request.
          key={`${index}-${entry.what}`}
          data-testid="timeline-entry"
          style={{ marginBottom: 4 }}
        >
          <Typography
            variant="body2"
            component="span"
            color={entry.attention ? 'error' : 'initial'}
          >
            {entry.at && (
              <>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                {' — '}
              </>
            )}
            {entry.what}
          </Typography>
          {entry.comment && (
            <Typography
              variant="body2"
              color="textSecondary"
              component="blockquote"
              style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}
            >
              “{entry.comment}”
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
}
