import Chip from '@material-ui/core/Chip';
import { Severity } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** Colours with at least 4.5:1 contrast between text and background. */
export const SEVERITY_COLORS: Record<Severity, { background: string; color: string }> = {
  critical: { background: '#b71c1c', color: '#ffffff' },
  high: { background: '#ffcdd2', color: '#8e0000' },
  medium: { background: '#ffe0b2', color: '#7a3b00' },
  low: { background: '#e3f2fd', color: '#0d47a1' },
};

/** Solid colours for bars and lines. */
export const SEVERITY_ACCENTS: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#e53935',
  medium: '#ef6c00',
  low: '#1e88e5',
};

export function SeverityChip(props: { severity: Severity }) {
  return (
    <Chip
      size="small"
      label={props.severity}
      style={{ ...SEVERITY_COLORS[props.severity], fontWeight: 600 }}
      data-testid="severity"
    />
  );
}
