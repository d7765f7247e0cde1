import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';

/** Whether the audit trail's hash chain is intact, and where it breaks if not. */
export function AuditVerificationStatus() {
  const api = useApi(resourceProfilesApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.verifyAuditTrail(),
    [api],
  );

  const again = (
    <Button color="inherit" size="small" onClick={retry} disabled={loading}>
      Verify again
    </Button>
  );
  let status;
  if (loading && !value) {
    status = <Alert severity="info">Verifying the audit chain…</Alert>;
  } else if (error) {
    status = (
      <Alert severity="error" action={again}>
        Could not verify the audit chain: {errorMessage(error)}
      </Alert>
    );
  } else if (value?.ok) {
    status = (
      <Alert severity="success" action={again}>
        Chain verified: {value.checked} event{value.checked === 1 ? '' : 's'}
      </Alert>
    );
  } else if (value) {
    status = (
      <Alert severity="error" action={again}>
        {value.firstBroken
          ? `Broken at event #${value.firstBroken.seq}: ${value.firstBroken.reason}`
          : 'The audit chain does not verify.'}{' '}
        ({value.checked} events checked)
      </Alert>
    );
  }
  return (
    <Box data-testid="audit-verification" aria-live="polite">
      {status}
    </Box>
  );
}
