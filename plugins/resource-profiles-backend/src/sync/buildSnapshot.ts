import {
  CloudInventoryItem,
  Environment,
  MappedPrincipalType,
  RoleMappingEntry,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  AnalysisResult,
  Finding,
  parseArn,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { FindingRecord, SnapshotWrite } from '../database/SnapshotStore';
import { parseEnvironment } from '../profiles/parseProfileValues';
import { TagKeys } from '../profiles/profileConfig';
import { CatalogLinks } from './catalogLinks';

export interface SnapshotContext {
  links: CatalogLinks;
  tagKeys: TagKeys;
  accountEnvironments: Map<string, Environment>;
}

function firstTag(tags: Record<string, string>, keys: string[]): string | undefined {
  return keys.map(key => tags[key]).find(Boolean);
}

function groupRef(value: string): string {
  return value.includes(':') ? value.toLowerCase() : `group:default/${value.toLowerCase()}`;
}

/** Every ARN a finding is about, most specific first. */
function arnsOf(finding: Finding): string[] {
  return [
    ...(finding.principal ? [finding.principal.arn] : []),
    ...finding.resources,
    ...(finding.evidence.duties ?? []).map(duty => duty.principalArn),
  ];
}

/**
 * Names a mapped principal no input describes: anyone (`*`) or a whole account (its root ARN),
 * as resource policies name them, or a principal of another account by its ARN.
 */
function outsidePrincipal(arn: string): { name: string; type: MappedPrincipalType } {
  if (arn === '*') return { name: 'anyone', type: 'anyone' };
  const parsed = parseArn(arn);
  if (parsed?.resource === 'root') return { name: parsed.accountId, type: 'account' };
  const type = parsed?.resource.split('/')[0];
  return { name: arn.split('/').pop() ?? arn, type: type === 'user' || type === 'group' ? type : 'role' };
}

/** Turns an analysis result into the rows of a snapshot, linked to catalog entities and owners. */
export function buildSnapshot(result: AnalysisResult, context: SnapshotContext): SnapshotWrite {
  const { links, tagKeys, accountEnvironments } = context;
  const tagsByArn = new Map<string, Record<string, string>>();
  const inventory = new Map<string, CloudInventoryItem>();
  for (const resource of result.resources) {
    tagsByArn.set(resource.arn, resource.tags);
    inventory.set(resource.arn, {
      arn: resource.arn,
      type: resource.type,
      name: resource.name,
      accountId: resource.accountId,
      region: resource.region,
      tags: resource.tags,
      category: resource.type.startsWith('iam-') && resource.type !== 'iam-policy' ? 'principal' : 'resource',
      dependsOn: [],
      source: { file: resource.source.file, address: resource.source.address ?? resource.source.logicalId },
      planned: resource.planned ?? false,
    });
  }
  const principalsByArn = new Map(result.principals.map(p => [p.arn, p]));
  for (const principal of result.principals) {
    tagsByArn.set(principal.arn, { ...principal.tags, ...tagsByArn.get(principal.arn) });
    if (!inventory.has(principal.arn)) {
      inventory.set(principal.arn, {
        arn: principal.arn,
        type: `iam-${principal.type}`,
        name: principal.name,
        accountId: principal.accountId,
        tags: principal.tags,
        category: 'principal',
        dependsOn: [],
        source: { file: principal.source.file, address: principal.source.address ?? principal.source.logicalId },
        planned: principal.planned ?? false,
      });
    }
  }

  const ownerOf = (arn: string): string | undefined => {
    const linked = links.byArn.get(arn)?.owner;
    if (linked) return linked;
    const tag = firstTag(tagsByArn.get(arn) ?? {}, tagKeys.owner);
    return tag ? groupRef(tag) : undefined;
  };
  const environmentOf = (arn: string): Environment | undefined => {
    const linked = links.byArn.get(arn)?.environment;
    if (linked) return linked;
    const tag = firstTag(tagsByArn.get(arn) ?? {}, tagKeys.environment);
    const tagged = tag ? parseEnvironment(tag) : undefined;
    const account = parseArn(arn)?.accountId;
    return tagged ?? (account ? accountEnvironments.get(account) : undefined);
  };

  const findings: FindingRecord[] = result.findings.map(finding => {
    const arns = arnsOf(finding);
    const entityRefs = arns
      .map(arn => links.byArn.get(arn)?.entityRef)
      .filter((ref): ref is string => Boolean(ref));
    if (finding.human) entityRefs.push(finding.human);
    return {
      id: finding.id,
      rule: finding.rule,
      method: finding.method,
      severity: finding.severity,
      title: finding.title,
      principal: finding.principal,
      human: finding.human,
      resources: finding.resources,
      evidence: finding.evidence as unknown as Record<string, unknown>,
      remediation: finding.remediation,
      conditional: finding.conditional,
      owner: arns.map(ownerOf).find(Boolean),
      environment: arns.map(environmentOf).find(Boolean),
      entityRefs: [...new Set(entityRefs.map(ref => ref.toLowerCase()))],
    };
  });

  const roleMappings: RoleMappingEntry[] = result.roleMappings.map(mapping => {
    const principal = principalsByArn.get(mapping.principalArn);
    const { name, type } = principal ?? outsidePrincipal(mapping.principalArn);
    return {
      resourceArn: mapping.resourceArn,
      accountId: mapping.accountId,
      principalArn: mapping.principalArn,
      principalName: name,
      principalType: type,
      accessLevel: mapping.accessLevel,
      path: mapping.path,
      conditional: mapping.conditional,
      conditions: mapping.conditions,
      actionCount: mapping.actionCount,
      sampleActions: mapping.sampleActions,
    };
  });

  return {
    stats: {
      principals: result.stats.principals,
      policies: result.stats.policies,
      resources: result.stats.resources,
      roleMappings: result.stats.roleMappings,
      findings: result.stats.findings,
      analysisMs: result.stats.durationMs,
    },
    inventory: [...inventory.values()],
    roleMappings,
    findings,
  };
}
