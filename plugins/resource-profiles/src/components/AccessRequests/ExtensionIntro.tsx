import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';

/**
 * What extending a grant does: when the current grant ends, and that the
 * extension starts then.
 */
export function ExtensionIntro(props: { grant: AccessRequest }) {
  const { grant } = props;
  return (
    <>
      Extends your <strong>{grant.role.name}</strong> access to{' '}
      <strong>{grant.entityRef}</strong>, which ends{' '}
      <strong data-testid="extended-grant-end">
        {formatDateTime(grant.expiresAt)}
      </strong>
      . The extension starts then (or when it is approved, if that is later) and
      ends by itself after the time you ask for.
    </>
  );
}
