import { hash } from 'node:crypto';

/**
 * A finding's id depends only on what it is about (rule, principal, and its key facts sorted),
 * never on run order, so the same finding keeps its id across runs.
 */
export function findingId(rule: string, principalArn: string, facts: string[]): string {
  const key = [rule, principalArn, ...[...facts].sort()].join('\u001f');
  // One-shot `hash` skips the Hash object `createHash` allocates per finding.
  return `rp-${hash('sha256', key, 'hex').slice(0, 20)}`;
}
