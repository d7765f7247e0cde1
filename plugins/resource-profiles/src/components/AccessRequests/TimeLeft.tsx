import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { formatTimeLeft } from './wording';

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A live countdown to `until`, with the exact time as a tooltip. */
export function TimeLeft(props: { until: string }) {
  const now = useNow();
  const left = new Date(props.until).getTime() - now;
  return (
    <Typography
      variant="body2"
      component="span"
      title={`Until ${formatDateTime(props.until)}`}
      color={left > 0 && left < 15 * 60 * 1000 ? 'error' : 'initial'}
      data-testid="time-left"
    >
      {formatTimeLeft(left)}
    </Typography>
  );
}
