import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { ChangeEvent } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled multiple-choice select; an empty selection means "any". */
export function MultiSelectFilter(props: {
  id: string;
  label: string;
  options: readonly (string | FilterOption)[];
  value: string[];
  onChange: (value: string[]) => void;
  minWidth?: number;
}) {
  const { id, label, value, onChange } = props;
  const options = props.options.map(option =>
    typeof option === 'string' ? { value: option, label: option } : option,
  );
  const labelOf = (v: string) => options.find(o => o.value === v)?.label ?? v;
  const labelId = `${id}-label`;
  return (
    <FormControl
      variant="outlined"
      size="small"
      style={{ minWidth: props.minWidth ?? 160 }}
    >
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        labelId={labelId}
        id={id}
        multiple
        label={label}
        value={value}
        onChange={(event: ChangeEvent<{ value: unknown }>) =>
          onChange(event.target.value as string[])
        }
        renderValue={selected => (selected as string[]).map(labelOf).join(', ')}
        data-testid={`${id}-select`}
      >
        {options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            <Checkbox
              size="small"
              checked={value.includes(option.value)}
              inputProps={{ 'aria-hidden': true }}
              tabIndex={-1}
            />
            <ListItemText primary={option.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
