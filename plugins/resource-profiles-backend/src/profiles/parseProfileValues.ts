import { Duration } from 'luxon';
import {
  ApprovalPolicy,
  DATA_CLASSIFICATIONS,
  DataClassification,
  Environment,
  RequestableRole,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

// Parsers for the free-text forms that annotations and IaC tags use. Each
// returns undefined for a value it cannot read, so the caller can warn and
// fall through to the next source instead of failing the whole profile.

const ENVIRONMENT_ALIASES: Record<string, Environment> = {
  prod: 'prod',
  production: 'prod',
  prd: 'prod',
  live: 'prod',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  preprod: 'staging',
  dev: 'dev',
  development: 'dev',
  test: 'dev',
  sandbox: 'dev',
  unknown: 'unknown',
};

export function parseEnvironment(value: string): Environment | undefined {
  return ENVIRONMENT_ALIASES[value.trim().toLowerCase()];
}

export function parseDataClassification(
  value: string,
): DataClassification | undefined {
  const normalized = value.trim().toLowerCase();
  return (DATA_CLASSIFICATIONS as readonly string[]).includes(normalized)
    ? (normalized as DataClassification)
    : undefined;
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

/** Accepts `auto`, `one`, `two`, or a count of distinct approvers. */
export function parseApprovalPolicy(value: string): ApprovalPolicy | undefined {
  const normalized = value.trim().toLowerCase();
  const words: Record<string, number> = { auto: 0, none: 0, one: 1, two: 2, three: 3 };
  let count = Number.NaN;
  if (normalized in words) {
    count = words[normalized];
  } else if (/^\d+$/.test(normalized)) {
    count = Number(normalized);
  }
  if (!Number.isInteger(count) || count > 10) {
    return undefined;
  }
  return count === 0
    ? { mode: 'auto', requiredApprovals: 0 }
    : { mode: 'approvers', requiredApprovals: count };
}

/** Accepts an ISO 8601 duration (`PT8H`, `P1D`) or a number of hours. */
export function parseDurationHours(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const hours = Number(trimmed);
    return hours > 0 ? hours : undefined;
  }
  const duration = Duration.fromISO(trimmed.toUpperCase());
  if (!duration.isValid) {
    return undefined;
  }
  const hours = duration.as('hours');
  return hours > 0 ? hours : undefined;
}

export function parsePositiveInt(value: string): number | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function parseBoolean(value: string): boolean | undefined {
  const normalized = value.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(normalized)) return true;
  if (['false', 'no', '0'].includes(normalized)) return false;
  return undefined;
}

/** ISO date or date-time; returns the normalized ISO string. */
export function parseDate(value: string): string | undefined {
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** `name=target` pairs separated by commas. */
export function parseRequestableRoles(value: string): RequestableRole[] | undefined {
  const roles: RequestableRole[] = [];
  for (const pair of parseList(value)) {
    const separator = pair.indexOf('=');
    if (separator <= 0 || separator === pair.length - 1) {
      return undefined;
    }
    roles.push({
      name: pair.slice(0, separator).trim(),
      target: pair.slice(separator + 1).trim(),
    });
  }
  return roles;
}
