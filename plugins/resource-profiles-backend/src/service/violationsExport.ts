import { Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';

const COLUMNS: [string, (v: Violation) => string | undefined][] = [
  ['id', v => v.id],
  ['severity', v => v.severity],
  ['status', v => v.status],
  ['rule', v => v.rule],
  ['method', v => v.method],
  ['title', v => v.title],
  ['principal_arn', v => v.principal?.arn],
  ['human', v => v.human],
  ['owner', v => v.owner],
  ['environment', v => v.environment],
  ['resources', v => v.resources.join(' ')],
  ['entities', v => v.entityRefs.join(' ')],
  ['first_seen_at', v => v.firstSeenAt],
  ['last_seen_at', v => v.lastSeenAt],
  ['resolved_at', v => v.resolvedAt],
  ['accepted_by', v => v.acceptance?.acceptedBy],
  ['acceptance_expires_at', v => v.acceptance?.expiresAt],
  ['acceptance_justification', v => v.acceptance?.justification],
  ['remediation', v => v.remediation],
];

function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  // Leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\n`;
}

export function csvRows(violations: Violation[]): string {
  return violations
    .map(v => `${COLUMNS.map(([, get]) => csvCell(get(v))).join(',')}\n`)
    .join('');
}
