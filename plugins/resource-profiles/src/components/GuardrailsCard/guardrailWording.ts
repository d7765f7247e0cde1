import {
  GuardrailLevel,
  GuardrailStatement,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { conditionLines } from '../../lib/conditions';

const list = (items: string[]) => items.join(', ');

/**
 * One statement in a sentence: `Deny iam:CreateAccessKey, iam:CreateLoginProfile on *`,
 * `Deny every action except s3:GetObject on *`, with its conditions, if any, after `when`.
 */
export function statementSentence(statement: GuardrailStatement): string {
  const actions = statement.notAction
    ? `every action except ${list(statement.notAction)}`
    : list(statement.action ?? []);
  const resources = statement.notResource
    ? `everything except ${list(statement.notResource)}`
    : list(statement.resource ?? []);
  const when = conditionLines(statement.condition ? [statement.condition] : []);
  return `${statement.effect} ${actions} on ${resources}${
    when.length ? ` when ${when.join(' and ')}` : ''
  }`;
}

const kindLabels: Record<GuardrailLevel['kind'], string> = {
  root: 'Root',
  'organizational-unit': 'OU',
  account: 'Account',
};

/** `OU Workloads (ou-ab12-workload)`, `Root (r-ab12)`, or `Account 314159265358` when the inputs give no name. */
export function levelLabel(level: GuardrailLevel): string {
  const kind = kindLabels[level.kind];
  if (!level.name) return `${kind} ${level.targetId}`;
  // A root is usually named "Root".
  return level.name === kind
    ? `${kind} (${level.targetId})`
    : `${kind} ${level.name} (${level.targetId})`;
}
