import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';

export const MIN_JUSTIFICATION = 10;
const DEFAULT_DAYS = 30;

/** `YYYY-MM-DD` of today plus some days, in the user's time zone. */
export function dateInDays(days: number, from = new Date()): string {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The acceptance ends at the end of the chosen day, UTC. */
function expiryOf(date: string): string {
  return `${date}T23:59:59.999Z`;
}

/** Accept the risk of a violation until a date, with a justification. */
export function RiskAcceptanceDialog(props: {
  violation: Violation;
  onClose: () => void;
  onAccepted: (violation: Violation) => void;
}) {
  const { violation, onClose, onAccepted } = props;
  const api = useApi(resourceProfilesApiRef);
  const [justification, setJustification] = useState('');
  const [expiry, setExpiry] = useState(() => dateInDays(DEFAULT_DAYS));
  const [submitted, setSubmitted] = useState(false);
  const tomorrow = dateInDays(1);

  const justificationError =
    justification.trim().length < MIN_JUSTIFICATION
      ? `At least ${MIN_JUSTIFICATION} characters (${justification.trim().length} so far)`
      : undefined;
  let expiryError: string | undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry)) {
    expiryError = 'Pick a date';
  } else if (expiry < tomorrow) {
    expiryError = 'The date must be in the future';
  }

  const [state, submit] = useAsyncFn(async () => {
    const accepted = await api.acceptRisk(violation.id, {
      justification: justification.trim(),
      expiresAt: expiryOf(expiry),
    });
    onAccepted(accepted);
  }, [api, violation.id, justification, expiry, onAccepted]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (justificationError || expiryError || state.loading) return;
    submit();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="risk-acceptance-title" fullWidth maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id="risk-acceptance-title">Accept risk</DialogTitle>
        <DialogContent>
          <DialogContentText>
            <strong>{violation.title}</strong> will be suppressed until the end of the chosen day
            (UTC). After that it returns as an open violation.
          </DialogContentText>
          {state.error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {errorMessage(state.error)}
            </Alert>
          )}
          <TextField
            id="risk-justification"
            label="Justification"
            required
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            margin="normal"
            value={justification}
            onChange={event => setJustification(event.target.value)}
            error={submitted && !!justificationError}
            helperText={
              submitted && justificationError
                ? justificationError
                : 'Why the risk is acceptable, e.g. the bucket is public by design.'
            }
          />
          <TextField
            id="risk-expiry"
            label="Expires on"
            type="date"
            required
            variant="outlined"
            margin="normal"
            value={expiry}
            onChange={event => setExpiry(event.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: tomorrow }}
            error={submitted && !!expiryError}
            helperText={submitted && expiryError ? expiryError : `Default: ${DEFAULT_DAYS} days from today`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained" disabled={state.loading}>
            Accept risk
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
