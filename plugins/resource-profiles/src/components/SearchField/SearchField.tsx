import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A labelled search box that reports its text once typing pauses, so that
 * each keystroke does not become a server query.
 */
export function SearchField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  delayMs?: number;
}) {
  const { value, onChange } = props;
  const [text, setText] = useState(value);

  // Follow the value when it changes from elsewhere (back button, "Clear").
  useEffect(() => setText(value), [value]);
  useDebounce(
    () => {
      if (text.trim() !== value.trim()) onChange(text.trim());
    },
    props.delayMs ?? 300,
    [text],
  );

  return (
    <TextField
      id={props.id}
      label={props.label}
      type="search"
      variant="outlined"
      size="small"
      value={text}
      onChange={event => setText(event.target.value)}
    />
  );
}
