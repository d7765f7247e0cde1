import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** "3 open violations" under the summary; silent when the count is unavailable. */
export function OpenViolationsCount() {
  const { entity } = useEntity();
  const api = useApi(resourceProfilesApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value } = useAsync(
    async () => api.getViolations({ entityRef, status: ['open'], limit: 1 }),
    [api, entityRef],
  );
  if (!value) return null;
  const count = value.totalCount;
  return (
    <Typography
      variant="body2"
      color={count > 0 ? 'error' : 'textSecondary'}
      style={{ marginTop: 8 }}
      data-testid="open-violations-count"
    >
      {count === 0
        ? 'No open violations'
        : `${count} open violation${count === 1 ? '' : 's'}`}
    </Typography>
  );
}
