import { createHash } from 'node:crypto';

/**
 * A finding's id depends only on what it is about (rule, principal, and its key facts sorted),
 * never on run order, so the same finding keeps its id across runs.
 */
export function findingId(rule: string, principalArn: string, facts: string[]): string {
  const key = [rule, principalArn, ...[...facts].sort()].join('\u001f');
  return `rp-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}
