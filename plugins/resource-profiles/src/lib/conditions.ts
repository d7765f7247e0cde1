/** An IAM condition block: operator → condition key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** `StringEquals aws:PrincipalTag/team = payments`, one line per condition key. */
export function conditionLines(conditions: ConditionBlock[] | undefined): string[] {
  return (conditions ?? []).flatMap(block =>
    Object.entries(block).flatMap(([operator, keys]) =>
      Object.entries(keys ?? {}).map(
        ([key, values]) =>
          `${operator} ${key} = ${(Array.isArray(values) ? values : [values]).join(' | ')}`,
      ),
    ),
  );
}
