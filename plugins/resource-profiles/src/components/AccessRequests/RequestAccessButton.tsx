import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useCallback, useState } from 'react';
import { useResourceProfile } from '../ResourceProfileCard/useResourceProfile';
import { RequestAccessDialog } from './RequestAccessDialog';

/**
 * "Request access" for the entity on the page; shown only when its profile
 * has requestable roles.
 */
export function RequestAccessButton(props: {
  onCreated?: (request: AccessRequest) => void;
}) {
  const { onCreated } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value: profile } = useResourceProfile();
  const [open, setOpen] = useState(false);
  const created = useCallback(
    (request: AccessRequest) => {
      setOpen(false);
      onCreated?.(request);
    },
    [onCreated],
  );

  if (!profile || profile.requestableRoles.length === 0) {
    return null;
  }
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<LockOpenIcon />}
        onClick={() => setOpen(true)}
      >
        Request access
      </Button>
      {open && (
        <RequestAccessDialog
          entityRef={entityRef}
          profile={profile}
          onClose={() => setOpen(false)}
          onCreated={created}
        />
      )}
    </>
  );
}
