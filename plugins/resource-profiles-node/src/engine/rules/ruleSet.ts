import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InputParseError, zodToParseError } from '../parse/InputParseError';
import { defaultEscalationMethods } from './escalationMethods';
import { defaultConflicts, defaultDuties } from './sodDefaults';

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export const ruleIds = [
  'privilege-escalation',
  'full-admin',
  'sod-conflict',
  'trust-open-to-any',
  'trust-cross-account',
  'privileged-role-without-mfa',
  'privileged-role-unused',
  'policy-attached-to-user',
  'resource-without-owner',
  'resource-policy-open-to-any',
  'resource-policy-cross-account',
] as const;
export type RuleId = (typeof ruleIds)[number];

/**
 * How the resource of an action must look for a method to be exploitable:
 * `writable` any resource outside the AWS-managed namespace (default);
 * `others` the same, excluding the principal itself;
 * `own-policy` a customer-managed policy attached to the principal or to a role it can assume;
 * `role-policy` a customer-managed policy attached to any role.
 */
export type ActionScope = 'writable' | 'others' | 'own-policy' | 'role-policy';

export interface EscalationMethod {
  name: string;
  actions: string[];
  pathfindingId?: string;
  severity?: Severity;
  scopes?: Record<string, ActionScope>;
}

export interface Duty {
  name: string;
  description?: string;
  actions: string[];
}

export interface Conflict {
  name: string;
  duties: string[];
  severity?: Severity;
  description?: string;
}

export interface RuleSet {
  escalationMethods: EscalationMethod[];
  duties: Duty[];
  conflicts: Conflict[];
  severities: Record<RuleId, Severity>;
  disabledRules: RuleId[];
  /** Tag keys that name a resource's owner (case-insensitive). */
  ownerTagKeys: string[];
  unusedRoleDays: number;
}

export const defaultSeverities: Record<RuleId, Severity> = {
  'privilege-escalation': 'high',
  'full-admin': 'critical',
  'sod-conflict': 'high',
  'trust-open-to-any': 'critical',
  'trust-cross-account': 'medium',
  'privileged-role-without-mfa': 'medium',
  'privileged-role-unused': 'medium',
  'policy-attached-to-user': 'low',
  'resource-without-owner': 'low',
  'resource-policy-open-to-any': 'critical',
  'resource-policy-cross-account': 'medium',
};

export function defaultRuleSet(): RuleSet {
  return {
    escalationMethods: defaultEscalationMethods,
    duties: defaultDuties,
    conflicts: defaultConflicts,
    severities: { ...defaultSeverities },
    disabledRules: [],
    ownerTagKeys: ['owner', 'team', 'resource-profiles/owner'],
    unusedRoleDays: 90,
  };
}

const actionPattern = z.string().regex(/^(\*|[a-z0-9*?-]+:[A-Za-z0-9*?]+)$/i, 'expected an IAM action like "s3:GetObject" or "iam:Put*"');
const severity = z.enum(severities);

const ruleFileSchema = z
  .object({
    /** `false` starts from an empty rule set instead of the defaults. */
    extendDefaults: z.boolean().default(true),
    duties: z.array(z.object({ name: z.string().min(1), description: z.string().optional(), actions: z.array(actionPattern).min(1) }).strict()).default([]),
    conflicts: z
      .array(z.object({ name: z.string().min(1), duties: z.array(z.string()).min(2), severity: severity.optional(), description: z.string().optional() }).strict())
      .default([]),
    escalationMethods: z
      .array(
        z
          .object({
            name: z.string().min(1),
            actions: z.array(actionPattern).min(1),
            pathfindingId: z.string().optional(),
            severity: severity.optional(),
            scopes: z.record(z.string(), z.enum(['writable', 'others', 'own-policy', 'role-policy'])).optional(),
          })
          .strict(),
      )
      .default([]),
    severities: z.partialRecord(z.enum(ruleIds), severity).default({}),
    disable: z.array(z.enum(ruleIds)).default([]),
    ownerTagKeys: z.array(z.string().min(1)).optional(),
    unusedRoleDays: z.number().int().positive().optional(),
  })
  .strict();

/** Same-named entries in the file replace the defaults. */
function mergeByName<T extends { name: string }>(base: T[], extra: T[]): T[] {
  const names = new Set(extra.map(e => e.name));
  return [...base.filter(b => !names.has(b.name)), ...extra];
}

/**
 * Loads duties, conflicts, extra escalation methods and severities from YAML or JSON.
 * Throws InputParseError naming the file and the path of the first problem.
 */
export function loadRuleSet(text: string, source: string): RuleSet {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '$';
    throw new InputParseError(source, line, `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = ruleFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
  const file = parsed.data;
  const base = file.extendDefaults ? defaultRuleSet() : { ...defaultRuleSet(), escalationMethods: [], duties: [], conflicts: [] };
  const duties = mergeByName(base.duties, file.duties);
  const dutyNames = new Set(duties.map(d => d.name));
  file.conflicts.forEach((c, i) => {
    c.duties.forEach((d, j) => {
      if (!dutyNames.has(d)) throw new InputParseError(source, `$.conflicts[${i}].duties[${j}]`, `unknown duty "${d}"`);
    });
  });
  return {
    escalationMethods: mergeByName(
      base.escalationMethods,
      file.escalationMethods.map(m => ({ ...m, actions: m.actions.map(a => a.toLowerCase()) })),
    ),
    duties,
    conflicts: mergeByName(base.conflicts, file.conflicts),
    severities: { ...base.severities, ...file.severities },
    disabledRules: file.disable,
    ownerTagKeys: file.ownerTagKeys ?? base.ownerTagKeys,
    unusedRoleDays: file.unusedRoleDays ?? base.unusedRoleDays,
  };
}
