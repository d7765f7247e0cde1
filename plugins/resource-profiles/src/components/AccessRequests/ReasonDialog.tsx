import { ReactNode, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { FormDialog, TextAreaField } from './FormDialog';

/**
 * A dialog that asks for one required text (a reason, review notes) of a
 * minimum length and sends it; the server's refusal is shown in the dialog.
 */
export function ReasonDialog<T>(props: {
  id: string;
  title: string;
  intro: ReactNode;
  label: string;
  helperText: string;
  minLength: number;
  /** What the field says while the text is shorter than `minLength`. */
  tooShort: (length: number) => string;
  submitLabel: string;
  submitColor?: 'primary' | 'secondary';
  minRows?: number;
  send: (text: string) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
}) {
  const { send, onDone } = props;
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const length = text.trim().length;
  const fieldError = length < props.minLength ? props.tooShort(length) : undefined;

  const [state, submit] = useAsyncFn(async () => {
    onDone(await send(text.trim()));
  }, [send, onDone, text]);

  return (
    <FormDialog
      id={props.id}
      title={props.title}
      intro={props.intro}
      error={state.error}
      submitLabel={props.submitLabel}
      submitColor={props.submitColor}
      submitDisabled={state.loading}
      onClose={props.onClose}
      onSubmit={() => {
        setSubmitted(true);
        if (!fieldError && !state.loading) submit();
      }}
    >
      <TextAreaField
        id={`${props.id}-text`}
        label={props.label}
        required
        minRows={props.minRows}
        value={text}
        onChange={setText}
        error={submitted ? fieldError : undefined}
        helperText={props.helperText}
      />
    </FormDialog>
  );
}
