import { ConditionBlock } from '../../lib/conditions';

/**
 * The shape the analysis engine gives a finding's evidence. The API types it
 * as an open record, so each part is checked before it is shown.
 */
export interface EvidencePolicy {
  policyArn?: string;
  policyName: string;
  holderArn: string;
  statementIndex: number;
  matchedActions: string[];
  resource?: string;
}

export interface EvidenceDuty {
  duty: string;
  principalArn: string;
  actions: string[];
  chain?: string[];
}

export interface ParsedEvidence {
  policies: EvidencePolicy[];
  chain: string[];
  conditions: ConditionBlock[];
  duties: EvidenceDuty[];
  /** Anything else the engine recorded, shown as JSON. */
  other: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

function policyOf(v: unknown): EvidencePolicy[] {
  if (!isObject(v) || typeof v.policyName !== 'string') return [];
  return [
    {
      policyName: v.policyName,
      policyArn: typeof v.policyArn === 'string' ? v.policyArn : undefined,
      holderArn: typeof v.holderArn === 'string' ? v.holderArn : '',
      statementIndex: typeof v.statementIndex === 'number' ? v.statementIndex : 0,
      matchedActions: strings(v.matchedActions),
      resource: typeof v.resource === 'string' ? v.resource : undefined,
    },
  ];
}

function dutyOf(v: unknown): EvidenceDuty[] {
  if (!isObject(v) || typeof v.duty !== 'string') return [];
  const chain = strings(v.chain);
  return [
    {
      duty: v.duty,
      principalArn: typeof v.principalArn === 'string' ? v.principalArn : '',
      actions: strings(v.actions),
      chain: chain.length ? chain : undefined,
    },
  ];
}

export function parseEvidence(evidence: Record<string, unknown>): ParsedEvidence {
  const { policies, chain, conditions, duties, ...other } = evidence ?? {};
  return {
    policies: Array.isArray(policies) ? policies.flatMap(policyOf) : [],
    chain: strings(chain),
    conditions: Array.isArray(conditions)
      ? (conditions.filter(isObject) as ParsedEvidence['conditions'])
      : [],
    duties: Array.isArray(duties) ? duties.flatMap(dutyOf) : [],
    other,
  };
}
