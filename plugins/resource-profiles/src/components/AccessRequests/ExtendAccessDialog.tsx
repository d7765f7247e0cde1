import LinearProgress from '@material-ui/core/LinearProgress';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useProfile } from '../ResourceProfileCard/useResourceProfile';
import { ExtensionIntro } from './ExtensionIntro';
import { FormDialog } from './FormDialog';
import { RequestAccessDialog } from './RequestAccessDialog';

/**
 * Asks for more time on an active grant: the request dialog for the grant's
 * resource, with its role fixed and `extends` set, once the resource's
 * profile (longest grant, break-glass) has loaded.
 */
export function ExtendAccessDialog(props: {
  grant: AccessRequest;
  onClose: () => void;
  onCreated: (request: AccessRequest) => void;
}) {
  const { grant, onClose, onCreated } = props;
  const { value: profile, loading, error } = useProfile(grant.entityRef);
  if (profile) {
    return (
      <RequestAccessDialog
        entityRef={grant.entityRef}
        profile={profile}
        extending={grant}
        onClose={onClose}
        onCreated={onCreated}
      />
    );
  }
  const missing =
    !loading && !error
      ? new Error(`${grant.entityRef} has no resource profile`)
      : undefined;
  return (
    <FormDialog
      id="extend-access"
      title="Extend access"
      intro={<ExtensionIntro grant={grant} />}
      error={error ?? missing}
      submitLabel="Request extension"
      submitDisabled
      onClose={onClose}
      onSubmit={() => {}}
    >
      {loading && <LinearProgress aria-label="Loading the resource profile" />}
    </FormDialog>
  );
}
