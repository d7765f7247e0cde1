import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** A malformed input: names the file, where inside it, and what is wrong. */
export class InputParseError extends Error {
  readonly source: string;
  readonly location: string;
  readonly detail: string;

  constructor(source: string, location: string, detail: string) {
    super(`${source}: ${location}: ${detail}`);
    this.name = 'InputParseError';
    this.source = source;
    this.location = location;
    this.detail = detail;
  }
}

export function jsonPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Turns the first zod issue into an InputParseError located by JSON path. */
export function zodToParseError(source: string, base: string, error: z.ZodError): InputParseError {
  const issue = error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new InputParseError(source, jsonPath(base, issue.path), `${issue.message}${more}`);
}

export function checkSize(text: string, source: string, maxBytes?: number): void {
  if (maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new InputParseError(source, '$', `input is larger than the limit of ${maxBytes} bytes`);
  }
}

/** JSON.parse with the error turned into a line/column location. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message);
    let location = '$';
    if (/end of JSON input/.test(message)) location = `line ${text.split('\n').length} (end of input)`;
    else if (!position) {
      // V8 names no position for an unexpected token; the YAML parser (a JSON superset) does.
      const pos = parseDocument(text).errors[0]?.linePos?.[0];
      if (pos) location = `line ${pos.line}, column ${pos.col}`;
    } else {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      location = `line ${line}, column ${column}`;
    }
    throw new InputParseError(source, location, `invalid JSON: ${message}`);
  }
}

export interface ParseOptions {
  /** Reject inputs larger than this many bytes. */
  maxBytes?: number;
}

/**
 * Reads a JSON export: size checked, parsed, recognised by one of its top-level `keys` (else "not
 * `what`"), then validated by `schema` with the first problem located by JSON path.
 */
export function parseJsonExport<T>(text: string, source: string, options: ParseOptions, schema: z.ZodType<T>, keys: string[], what: string): T {
  checkSize(text, source, options.maxBytes);
  const raw = parseJsonText(text, source);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !keys.some(k => k in raw)) {
    throw new InputParseError(source, '$', `not ${what}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
  return parsed.data;
}
