import { InputError } from '@backstage/errors';
import { z } from 'zod';

const ARRAY_KEYS = new Set(['severity', 'rule', 'owner', 'environment', 'status', 'accessLevel', 'state']);

/** Validates a query string with a zod schema; repeated or comma-separated keys become arrays. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  raw: Record<string, unknown>,
): z.infer<T> {
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (ARRAY_KEYS.has(key)) {
      const values = (Array.isArray(value) ? value : [value])
        .flatMap(v => String(v).split(','))
        .map(v => v.trim())
        .filter(Boolean);
      if (values.length) normalized[key] = values;
    } else if (value !== '') {
      normalized[key] = Array.isArray(value) ? value[value.length - 1] : value;
    }
  }
  const parsed = schema.safeParse(normalized);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`Invalid query parameter ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
