import { GrantRisk } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  CloudModel,
  evaluateGrant,
  PolicyDocument,
  RuleSet,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { SnapshotStore } from '../database/SnapshotStore';
import { loadModel, LoadedModel } from '../sync/loadModel';

export interface GrantRiskResult {
  risks: GrantRisk[];
  /** Why the grant could not be evaluated, when it could not. */
  note?: string;
}

/** The policy a requestable role's target grants: a managed policy, or a group's policies. */
export function targetPolicy(model: CloudModel, target: string): PolicyDocument | undefined {
  const policy = model.policies.find(p => p.arn === target);
  if (policy) return policy.document;
  const group = model.principals.find(
    p => p.type === 'group' && (p.arn === target || p.name === target),
  );
  if (!group) return undefined;
  const statements = [
    ...group.inlinePolicies.flatMap(inline => inline.document.statements),
    ...group.managedPolicyArns.flatMap(
      arn => model.policies.find(p => p.arn === arn)?.document.statements ?? [],
    ),
  ];
  return { version: '2012-10-17', statements };
}

/**
 * Runs the engine over the synced model with the grant added, to tell which
 * SoD conflicts and escalation paths the grant would create for the person.
 */
export class GrantRiskEvaluator {
  private cached?: LoadedModel;

  constructor(
    private readonly deps: {
      store: SnapshotStore;
      sourceIds: string[];
      rules: RuleSet;
    },
  ) {}

  async model(): Promise<CloudModel | undefined> {
    const fingerprint = await this.deps.store.getSourceFingerprint(this.deps.sourceIds);
    if (!this.cached || this.cached.fingerprint !== fingerprint) {
      this.cached = await loadModel(this.deps.store, this.deps.sourceIds);
    }
    return this.cached?.model;
  }

  async evaluate(principalArns: string[], target: string): Promise<GrantRiskResult> {
    const model = await this.model();
    if (!model) return { risks: [], note: 'No IAM data has been synced yet' };
    const known = principalArns.filter(arn => model.principals.some(p => p.arn === arn));
    if (known.length === 0) {
      return { risks: [], note: 'None of the requester\'s IAM principals are in the synced data' };
    }
    const addPolicy = targetPolicy(model, target);
    if (!addPolicy) {
      return { risks: [], note: `The role's target ${target} is not in the synced data` };
    }
    const { newFindings, becomesAdmin } = evaluateGrant(
      model,
      { principalArns: known, addPolicy, policyName: 'requested-grant' },
      { rules: this.deps.rules, now: new Date() },
    );
    const risks: GrantRisk[] = newFindings.map(finding => ({
      rule: finding.rule,
      method: finding.method,
      severity: finding.severity,
      title: finding.title,
    }));
    if (becomesAdmin && !risks.some(r => r.rule === 'full-admin')) {
      risks.push({ rule: 'full-admin', severity: 'critical', title: 'The grant makes the requester a full administrator' });
    }
    return { risks };
  }
}
