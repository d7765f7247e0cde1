import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { ViolationQuery } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/** Downloads every violation matching the filters as CSV. */
export function ExportButton(props: { query: ViolationQuery }) {
  const api = useApi(resourceProfilesApiRef);
  const [{ loading, error }, run] = useAsyncFn(async () => {
    const csv = await api.exportViolations(props.query, 'csv');
    download(csv, `violations-${new Date().toISOString().slice(0, 10)}.csv`);
  }, [api, props.query]);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          Export failed: {errorMessage(error)}
        </Typography>
      )}
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        disabled={loading}
        onClick={() => run()}
      >
        Export CSV
      </Button>
    </Box>
  );
}
