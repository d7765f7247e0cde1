import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** @public An approved grant, as handed to an actuator. */
export interface AccessGrant {
  requestId: string;
  /** Backstage user ref of the requester. */
  requester: string;
  /** The requester's IAM principals the grant applies to. */
  principalArns: string[];
  entityRef: string;
  resourceArn?: string;
  /** The requestable role: a name and its target (policy ARN, group, permission set). */
  role: { name: string; target: string };
  expiresAt: string;
  breakGlass: boolean;
}

/**
 * @public Applies and reverses grants in the cloud. Both calls must be
 * idempotent: they are retried after failures and may run again.
 */
export interface GrantActuator {
  readonly id: string;
  apply(grant: AccessGrant): Promise<void>;
  revoke(grant: AccessGrant): Promise<void>;
}

/** @public */
export interface ResourceProfilesActuatorExtensionPoint {
  /** Replaces the configured actuator (record-only, webhook or aws-iam). */
  setActuator(actuator: GrantActuator): void;
}

/** @public Lets a backend module supply its own way of applying grants. */
export const resourceProfilesActuatorExtensionPoint =
  createExtensionPoint<ResourceProfilesActuatorExtensionPoint>({
    id: 'resource-profiles.actuator',
  });
