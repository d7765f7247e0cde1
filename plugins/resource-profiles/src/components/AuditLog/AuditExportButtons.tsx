import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';

const MIME_TYPES = { csv: 'text/csv;charset=utf-8', json: 'application/json' };

function saveAs(text: string, format: 'csv' | 'json') {
  const url = URL.createObjectURL(
    new Blob([text], { type: MIME_TYPES[format] }),
  );
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: `audit-trail-${new Date().toISOString().slice(0, 10)}.${format}`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Downloads the whole audit trail, hashes included, as CSV or JSON. */
export function AuditExportButtons() {
  const api = useApi(resourceProfilesApiRef);
  const [{ loading, error }, run] = useAsyncFn(
    async (format: 'csv' | 'json') =>
      saveAs(await api.exportAuditTrail(format), format),
    [api],
  );
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          Export failed: {errorMessage(error)}
        </Typography>
      )}
      {(['csv', 'json'] as const).map(format => (
        <Button
          key={format}
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          disabled={loading}
          onClick={() => run(format)}
        >
          Export {format.toUpperCase()}
        </Button>
      ))}
    </Box>
  );
}
