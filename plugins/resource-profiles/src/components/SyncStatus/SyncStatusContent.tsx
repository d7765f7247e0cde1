import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SourceStatus, SyncStatus } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useTableStyles } from '../../lib/styles';
import { AsyncContent } from '../AsyncContent';
import { SyncNowButton } from './SyncNowButton';
import { useSyncStatus } from './useSyncStatus';

const STATUS_COLORS: Record<SourceStatus['status'], { background: string; color: string }> = {
  never: { background: '#eeeeee', color: '#424242' },
  running: { background: '#e3f2fd', color: '#0d47a1' },
  succeeded: { background: '#e8f5e9', color: '#1b5e20' },
  failed: { background: '#ffebee', color: '#b71c1c' },
};

function SourceRow(props: { source: SourceStatus }) {
  const { source } = props;
  return (
    <TableRow data-testid="sync-source" style={{ verticalAlign: 'top' }}>
      <TableCell>
        <Typography variant="body2" style={{ fontWeight: 500 }}>
          {source.id}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {source.kind}: <code>{source.target}</code>
        </Typography>
      </TableCell>
      <TableCell>
        <Chip size="small" label={source.status} style={STATUS_COLORS[source.status]} />
      </TableCell>
      <TableCell>{formatDateTime(source.lastRunAt)}</TableCell>
      <TableCell>{formatDateTime(source.lastSuccessAt)}</TableCell>
      <TableCell>{formatDuration(source.durationMs)}</TableCell>
      <TableCell>
        {source.counts
          ? `${source.counts.principals} principals, ${source.counts.policies} policies, ${source.counts.resources} resources`
          : '—'}
      </TableCell>
      <TableCell>
        {source.error ? (
          <Typography variant="body2" color="error" style={{ whiteSpace: 'pre-wrap' }}>
            {source.error}
          </Typography>
        ) : (
          '—'
        )}
      </TableCell>
    </TableRow>
  );
}

/** `roleMappings` → `role mappings` */
function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function LastSnapshot(props: { snapshot: SyncStatus['lastSnapshot'] }) {
  const { snapshot } = props;
  if (!snapshot) {
    return <Typography variant="body2">No analysis snapshot yet.</Typography>;
  }
  const stats = Object.entries(snapshot.stats).map(([key, value]) =>
    key.endsWith('Ms')
      ? `${humanize(key.slice(0, -2))} ${formatDuration(value)}`
      : `${value} ${humanize(key)}`,
  );
  return (
    <Typography variant="body2" data-testid="last-snapshot">
      Snapshot #{snapshot.id} from {formatDateTime(snapshot.createdAt)}
      {stats.length > 0 && `: ${stats.join(', ')}`}
    </Typography>
  );
}

/** Per source: the last run, its duration, what it read and any error. */
export function SyncStatusContent() {
  const classes = useTableStyles();
  const { value, error, retry } = useSyncStatus();

  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
        {value ? <LastSnapshot snapshot={value.lastSnapshot} /> : <span />}
        <SyncNowButton onStarted={retry} />
      </Box>
      <InfoCard title="Sources" noPadding>
        <AsyncContent
          value={value}
          error={error}
          isEmpty={v => v.sources.length === 0}
          empty={
            <>
              No sources are configured. Add them under <code>resourceProfiles.sources</code> in
              app-config.
            </>
          }
        >
          {status => (
            <Table size="small" aria-label="Sources">
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell>Source</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Last run</TableCell>
                  <TableCell>Last success</TableCell>
                  <TableCell>Duration</TableCell>
                  <TableCell>Read</TableCell>
                  <TableCell>Error</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {status.sources.map(source => (
                  <SourceRow key={source.id} source={source} />
                ))}
              </TableBody>
            </Table>
          )}
        </AsyncContent>
      </InfoCard>
    </Box>
  );
}
