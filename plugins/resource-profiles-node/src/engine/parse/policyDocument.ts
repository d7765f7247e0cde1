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

const documentFields = { Version: z.string().optional(), Id: z.string().optional() };
// Two schemas rather than a union, so an error points into the statement that is wrong.
const listDocumentSchema = z.object({ ...documentFields, Statement: z.array(statementSchema) });
const singleDocumentSchema = z.object({ ...documentFields, Statement: statementSchema });

const list = (v: string | string[] | undefined) => {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
};

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
  const isList = !!decoded && typeof decoded === 'object' && Array.isArray((decoded as { Statement?: unknown }).Statement);
  const parsed = (isList ? listDocumentSchema : singleDocumentSchema).safeParse(decoded);
  if (!parsed.success) throw zodToParseError(source, location, parsed.error);
  const data = parsed.data as { Version?: string; Statement: z.infer<typeof statementSchema> | z.infer<typeof statementSchema>[] };
  const statements = Array.isArray(data.Statement) ? data.Statement : [data.Statement];
  return {
    version: data.Version,
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
