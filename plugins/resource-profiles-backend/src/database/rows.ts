// Helpers for values whose representation differs between SQLite and PostgreSQL.
import { Knex } from 'knex';

export function isPostgres(db: Knex | Knex.Transaction): boolean {
  return db.client.config.client === 'pg';
}

/** A timestamp column as an ISO string: SQLite returns epoch millis, PostgreSQL a Date. */
export function toIso(value: Date | string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const numeric = Number(value);
  return new Date(Number.isNaN(numeric) ? value : numeric).toISOString();
}

/** SQLite returns booleans as 0/1. */
export function toBool(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

export function parseJson<T>(value: string | null | undefined, fallback: T): T {
  return value ? (JSON.parse(value) as T) : fallback;
}

/** Escapes LIKE wildcards in user text. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

// Stays well under SQLite's limit of 32766 bound parameters per statement.
export const MAX_PARAMETERS = 30000;

// knex writes a multi-row insert on SQLite as one compound SELECT, which SQLite limits to 500 terms.
export const MAX_ROWS = 500;

/** Rows per multi-row insert, given how many columns each row binds. */
export function chunkSize(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
