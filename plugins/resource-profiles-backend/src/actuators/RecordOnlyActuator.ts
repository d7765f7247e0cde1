import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AccessGrant,
  GrantActuator,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';

/**
 * Changes nothing in the cloud: the grant exists in the audit trail only, for
 * teams whose provisioning reads the trail, and for the demo.
 */
export class RecordOnlyActuator implements GrantActuator {
  readonly id = 'record-only';

  constructor(private readonly logger: LoggerService) {}

  async apply(grant: AccessGrant): Promise<void> {
    this.logger.info(`Recorded grant of ${grant.role.name} on ${grant.entityRef} to ${grant.requester} until ${grant.expiresAt}`);
  }

  async revoke(grant: AccessGrant): Promise<void> {
    this.logger.info(`Recorded end of grant ${grant.requestId} for ${grant.requester}`);
  }
}
