import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string;
  /** Bars without a filter value (e.g. "no owner") are not clickable. */
  selectable?: boolean;
}

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(96px, 40%) 1fr 48px',
    alignItems: 'center',
    gap: theme.spacing(1),
    width: '100%',
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'left',
  },
  button: {
    '&:hover': { background: theme.palette.action.hover },
    '&.Mui-focusVisible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  selected: { background: theme.palette.action.selected },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  track: { height: 14, background: theme.palette.action.hover, borderRadius: 2 },
  bar: { height: '100%', borderRadius: 2 },
  count: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
}));

/**
 * Horizontal bars with their numbers written out. A bar is a toggle button
 * that adds its key to the dashboard's filter.
 */
export function BarChart(props: {
  id: string;
  label: string;
  bars: Bar[];
  selected?: string[];
  onToggle?: (key: string) => void;
}) {
  const classes = useStyles();
  const { bars, selected = [], onToggle } = props;
  const max = Math.max(1, ...bars.map(b => b.value));
  if (bars.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No violations.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label={props.label} data-testid={props.id}>
      {bars.map(bar => {
        const isSelected = selected.includes(bar.key);
        const inner = (
          <>
            <Typography variant="body2" className={classes.label} title={bar.label}>
              {bar.label}
            </Typography>
            <div className={classes.track} aria-hidden>
              <div
                className={classes.bar}
                style={{
                  width: `${(bar.value / max) * 100}%`,
                  background: bar.color ?? '#1976d2',
                }}
              />
            </div>
            <Typography variant="body2" className={classes.count} data-testid={`${props.id}-${bar.key}`}>
              {bar.value}
            </Typography>
          </>
        );
        return (
          <li key={bar.key}>
            {onToggle && bar.selectable !== false ? (
              <ButtonBase
                className={`${classes.row} ${classes.button} ${isSelected ? classes.selected : ''}`}
                aria-pressed={isSelected}
                aria-label={`${bar.label}: ${bar.value}. ${isSelected ? 'Remove from' : 'Add to'} filter`}
                onClick={() => onToggle(bar.key)}
              >
                {inner}
              </ButtonBase>
            ) : (
              <div className={classes.row}>{inner}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
