import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  DashboardAggregates,
  SEVERITIES,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';
import { SEVERITY_ACCENTS } from '../SeverityChip';

const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 14, right: 12, bottom: 28, left: 48 };
// The axis label must fit the left padding even at hundreds of thousands ("200K").
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

type Trend = DashboardAggregates['trend'];

function points(trend: Trend, values: number[], max: number): string {
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = trend.length > 1 ? innerW / (trend.length - 1) : 0;
  return values
    .map((v, i) => `${PAD.left + i * step},${PAD.top + innerH - (v / max) * innerH}`)
    .join(' ');
}

/** Open violations per snapshot, oldest first: the total and each severity. */
export function TrendChart(props: { trend: Trend }) {
  const theme = useTheme();
  const { trend } = props;
  if (trend.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No snapshots yet.
      </Typography>
    );
  }
  const first = trend[0];
  const last = trend[trend.length - 1];
  if (trend.length === 1) {
    return (
      <Typography variant="body2" data-testid="trend-summary">
        {last.total} open in the only snapshot ({formatDateTime(last.createdAt)}). The trend
        appears after the next sync.
      </Typography>
    );
  }
  const max = Math.max(1, ...trend.map(t => t.total));
  const series = [
    { key: 'total', label: 'total', color: theme.palette.text.primary, values: trend.map(t => t.total) },
    ...SEVERITIES.map(s => ({
      key: s,
      label: s,
      color: SEVERITY_ACCENTS[s],
      values: trend.map(t => t.bySeverity[s] ?? 0),
    })),
  ];
  const summary = `Open violations went from ${first.total} on ${formatDateTime(first.createdAt)} to ${last.total} on ${formatDateTime(last.createdAt)} over ${trend.length} snapshots.`;
  return (
    <Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={summary}
        data-testid="trend-chart"
      >
        <title>{summary}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke={theme.palette.divider} />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" fontSize={13} fill={theme.palette.text.secondary}>
          {compact.format(max)}
        </text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize={13} fill={theme.palette.text.secondary}>
          0
        </text>
        <text x={PAD.left} y={HEIGHT - 6} fontSize={13} fill={theme.palette.text.secondary}>
          {first.createdAt.slice(0, 10)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" fontSize={13} fill={theme.palette.text.secondary}>
          {last.createdAt.slice(0, 10)}
        </text>
        {series.map(s => (
          <polyline
            key={s.key}
            points={points(trend, s.values, max)}
            fill="none"
            stroke={s.color}
            strokeWidth={s.key === 'total' ? 2.5 : 1.5}
            strokeDasharray={s.key === 'total' ? undefined : '4 2'}
          />
        ))}
      </svg>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} aria-hidden>
        {series.map(s => (
          <Typography key={s.key} variant="caption">
            <span style={{ display: 'inline-block', width: 12, height: 3, background: s.color, verticalAlign: 'middle', marginRight: 4 }} />
            {s.label} {s.values[s.values.length - 1]}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
