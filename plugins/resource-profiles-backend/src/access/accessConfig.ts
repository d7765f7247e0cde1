import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { AccessConfig } from './AccessRequestService';

/** `resourceProfiles.access` with its defaults. */
export function readAccessConfig(config: RootConfigService): AccessConfig {
  const sodPolicy = config.getOptionalString('resourceProfiles.access.sodPolicy') ?? 'require-security-approval';
  if (sodPolicy !== 'deny' && sodPolicy !== 'require-security-approval') {
    throw new InputError(`resourceProfiles.access.sodPolicy must be deny or require-security-approval, not "${sodPolicy}"`);
  }
  return {
    sodPolicy,
    securityGroup: config.getOptionalString('resourceProfiles.securityTeam') ?? 'group:default/security',
    platformTeam: config.getOptionalString('resourceProfiles.platformTeam') ?? 'group:default/platform-team',
    pendingTimeoutHours: config.getOptionalNumber('resourceProfiles.access.pendingTimeoutHours') ?? 72,
  };
}
