/** @public One statement of a service control policy, as the engine normalizes it. */
export interface GuardrailStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** `{ Operator: { key: values } }`, as in the policy. */
  condition?: Record<string, Record<string, string[]>>;
}

/** @public A service control policy attached at one level of the organization. */
export interface GuardrailPolicy {
  /** `p-…`, or the IaC address when the id is not known yet. */
  id: string;
  arn?: string;
  name: string;
  statements: GuardrailStatement[];
}

/** @public One level above an account (the root, an OU, or the account itself) and the SCPs attached there. */
export interface GuardrailLevel {
  targetId: string;
  kind: 'root' | 'organizational-unit' | 'account';
  name?: string;
  policies: GuardrailPolicy[];
  /** The SCPs here only deny: FullAWSAccess, which AWS attaches by default, is assumed beside them. */
  impliedFullAccess: boolean;
}

/**
 * @public The service control policies over one AWS account, root first, and the resource control policies over its resources. The engine's
 * `accountGuardrails` gives the same shape; the browser cannot import the engine, so it is
 * restated here, and the backend's compile checks that one fits the other.
 */
export interface AccountGuardrails {
  accountId: string;
  accountName?: string;
  /** SCPs and RCPs never apply to the organization's management account. */
  managementAccount: boolean;
  levels: GuardrailLevel[];
  /** The resource control policies over the account's resources, root first; absent when none is attached. */
  resourceControlLevels?: GuardrailLevel[];
}

/** @public What the organization's SCPs and RCPs say about the account an entity's resource lives in. */
export interface EntityGuardrails {
  /** The resource's account, when it is known. */
  accountId?: string;
  /** Whether any synced source describes an organization at all. */
  organizationKnown: boolean;
  /** Undefined when no SCP or RCP is known to apply to the account. */
  guardrails?: AccountGuardrails;
}
