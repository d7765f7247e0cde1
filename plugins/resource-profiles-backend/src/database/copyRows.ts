import { Knex } from 'knex';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { from as copyFrom } from 'pg-copy-streams';

/** A column value as COPY takes it: text, a number, a boolean, a timestamp or null. */
export type CopyValue = string | number | boolean | Date | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** Rows are sent in pieces of about this many characters. */
const PIECE = 1 << 20;

/** One field of COPY's text format. */
function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, c => ESCAPES[c]) : text;
}

function* pieces(rows: Iterable<CopyValue[]>): Generator<string> {
  let piece = '';
  for (const row of rows) {
    let line = field(row[0]);
    for (let i = 1; i < row.length; i++) line += `\t${field(row[i])}`;
    piece += `${line}\n`;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Loads rows into a PostgreSQL table with COPY, on the transaction's own
 * connection: many times faster than inserts for the hundreds of thousands
 * to millions of rows a large organisation's snapshot holds.
 */
export async function copyRows(
  tx: Knex.Transaction,
  table: string,
  columns: string[],
  rows: Iterable<CopyValue[]>,
): Promise<void> {
  const connection = await tx.client.acquireConnection();
  try {
    const sql = `copy ${table} (${columns.join(', ')}) from stdin`;
    await pipeline(Readable.from(pieces(rows)), connection.query(copyFrom(sql)));
  } finally {
    await tx.client.releaseConnection(connection);
  }
}
