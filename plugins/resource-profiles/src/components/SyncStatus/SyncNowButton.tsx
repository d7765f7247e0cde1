import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import SyncIcon from '@material-ui/icons/Sync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage, responseStatus } from '../../lib/errors';

export const SYNC_FORBIDDEN_MESSAGE = 'Only the platform team can start a sync.';

/** Starts a sync of every source; refreshes the status when it was accepted. */
export function SyncNowButton(props: { onStarted: () => void }) {
  const api = useApi(resourceProfilesApiRef);
  const { onStarted } = props;
  const [state, run] = useAsyncFn(async () => {
    await api.triggerSync();
    onStarted();
    return true;
  }, [api, onStarted]);

  let message;
  if (state.error) {
    message = (
      <Alert severity={responseStatus(state.error) === 403 ? 'warning' : 'error'} role="alert">
        {responseStatus(state.error) === 403
          ? SYNC_FORBIDDEN_MESSAGE
          : `The sync could not start: ${errorMessage(state.error)}`}
      </Alert>
    );
  } else if (state.value) {
    message = <Alert severity="success">Sync started.</Alert>;
  }
  return (
    <Box display="flex" alignItems="center" style={{ gap: 16 }}>
      <Button
        variant="contained"
        color="primary"
        startIcon={<SyncIcon />}
        disabled={state.loading}
        onClick={() => run()}
      >
        {state.loading ? 'Syncing…' : 'Sync now'}
      </Button>
      {message}
    </Box>
  );
}
