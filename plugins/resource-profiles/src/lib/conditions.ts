/** An IAM condition block: operator → condition key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

const valuesOf = (values: string[] | string) => (Array.isArray(values) ? values : [values]).join(' | ');

/**
 * `StringEquals aws:PrincipalTag/team = payments`, one line per condition key. A Deny whose
 * condition is unknown comes as `{ Deny: { 'Operator:key': values } }` and reads
 * `Denied when StringNotEquals aws:RequestedRegion = eu-west-1`.
 */
export function conditionLines(conditions: ConditionBlock[] | undefined): string[] {
  return (conditions ?? []).flatMap(block =>
    Object.entries(block).flatMap(([operator, keys]) =>
      Object.entries(keys ?? {}).map(([key, values]) => {
        if (operator !== 'Deny') return `${operator} ${key} = ${valuesOf(values)}`;
        const colon = key.indexOf(':');
        const [denyOperator, denyKey] = colon > 0 ? [key.slice(0, colon), key.slice(colon + 1)] : ['', key];
        return `Denied when ${denyOperator ? `${denyOperator} ` : ''}${denyKey} = ${valuesOf(values)}`;
      }),
    ),
  );
}
