import Chip from '@material-ui/core/Chip';
import { DataClassification } from '@resource-profiles/backstage-plugin-resource-profiles-common';

const COLORS: Record<DataClassification, { background: string; color: string }> = {
  public: { background: '#e8f5e9', color: '#1b5e20' },
  internal: { background: '#e3f2fd', color: '#0d47a1' },
  confidential: { background: '#fff3e0', color: '#e65100' },
  restricted: { background: '#ffebee', color: '#b71c1c' },
};

export function ClassificationChip(props: { value: DataClassification }) {
  return (
    <Chip
      size="small"
      label={props.value}
      style={{ ...COLORS[props.value], fontWeight: 600 }}
      data-testid="data-classification"
    />
  );
}
