import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';
import { extensionSentence } from './wording';

/**
 * The caption of an extension's row: which grant it extends and when that
 * grant ends. The grant is taken from the listed requests when it is among
 * them, and loaded otherwise.
 */
export function ExtendsNote(props: {
  originalId: string;
  listed?: AccessRequest;
}) {
  const { originalId, listed } = props;
  const api = useApi(resourceProfilesApiRef);
  const { value: loaded } = useAsync(
    async () => (listed ? undefined : api.getAccessRequest(originalId)),
    [api, originalId, listed],
  );
  return (
    <Typography
      variant="caption"
      display="block"
      color="textSecondary"
      data-testid="extends-note"
    >
      {extensionSentence(listed ?? loaded)}
    </Typography>
  );
}
