import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, ReactNode } from 'react';
import { errorMessage } from '../../lib/errors';

/**
 * A dialog around one form: a title, an introduction, the server's error
 * message when the last submit failed, the fields, Cancel and the submit
 * button. Enter in a single-line field submits.
 */
export function FormDialog(props: {
  id: string;
  title: string;
  intro: ReactNode;
  error?: unknown;
  /** Shown after the server's message, e.g. what happened because of it. */
  errorHint?: ReactNode;
  submitLabel: string;
  submitColor?: 'primary' | 'secondary';
  submitDisabled?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{props.intro}</DialogContentText>
          {props.error !== undefined && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {errorMessage(props.error)}
              {props.errorHint}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color={props.submitColor ?? 'primary'}
            disabled={props.submitDisabled}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A labelled multi-line text field; `error` replaces the help text. */
export function TextAreaField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  helperText: string;
  error?: string;
  required?: boolean;
  minRows?: number;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      required={props.required}
      multiline
      minRows={props.minRows ?? 3}
      fullWidth
      variant="outlined"
      margin="normal"
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      error={!!props.error}
      helperText={props.error ?? props.helperText}
    />
  );
}
