import { z } from 'zod';
import type { ConditionBlock, PolicyDocument, PolicyStatement, PrincipalBlock } from '../model';
import { InputParseError, jsonPath, zodToParseError } from './InputParseError';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);
const principalSchema = z.union([z.literal('*'), z.record(z.string(), stringOrList)]);

const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Principal: principalSchema.optional(),
    NotPrincipal: principalSchema.optional(),
    Condition: z.record(z.string(), z.record(z.string(), conditionValue)).optional(),
  })
  .loose()
  .refine(s => (s.Action === undefined) !== (s.NotAction === undefined), {
    message: 'a statement needs exactly one of Action or NotAction',
  });

const documentSchema = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.union([statementSchema, z.array(statementSchema)]),
});

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

function principalBlock(p: z.infer<typeof principalSchema> | undefined): PrincipalBlock | undefined {
  if (p === undefined) return undefined;
  if (p === '*') return '*';
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p)) out[k] = Array.isArray(v) ? v : [v];
  return out;
}

function conditionBlock(c: Record<string, Record<string, unknown>> | undefined): ConditionBlock | undefined {
  if (!c) return undefined;
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(c)) {
    out[op] = {};
    for (const [key, value] of Object.entries(keys)) {
      out[op][key] = (Array.isArray(value) ? value : [value]).map(String);
    }
  }
  return out;
}

/** Policy documents arrive as objects, JSON strings, or URL-encoded JSON strings (raw IAM API). */
function decodeDocument(raw: unknown, source: string, location: string): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trimStart().startsWith('{') ? raw : safeDecode(raw);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputParseError(source, location, `policy document is not valid JSON: ${(e as Error).message}`);
  }
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Validates and normalizes an IAM policy document.
 * @param location JSON path of the document inside the input, used in errors.
 */
export function parsePolicyDocument(raw: unknown, source: string, location: string): PolicyDocument {
  const decoded = decodeDocument(raw, source, location);
  const parsed = documentSchema.safeParse(decoded);
  if (!parsed.success) throw zodToParseError(source, location, parsed.error);
  const statements = Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
  return {
    version: parsed.data.Version,
    statements: statements.map(
      (s): PolicyStatement => ({
        sid: s.Sid,
        effect: s.Effect,
        action: list(s.Action),
        notAction: list(s.NotAction),
        resource: list(s.Resource),
        notResource: list(s.NotResource),
        principal: principalBlock(s.Principal),
        notPrincipal: principalBlock(s.NotPrincipal),
        condition: conditionBlock(s.Condition as Record<string, Record<string, unknown>> | undefined),
      }),
    ),
  };
}

export { jsonPath };
