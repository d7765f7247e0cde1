import type { ScanReport } from './report';

/** One JSON document: findings, principals and a role-mapping summary. */
export function formatJson(report: ScanReport): string {
  const { result } = report;
  const byLevel: Record<string, number> = {};
  const byPath: Record<string, number> = {};
  const perResource = new Map<string, number>();
  for (const m of result.roleMappings) {
    byLevel[m.accessLevel] = (byLevel[m.accessLevel] ?? 0) + 1;
    byPath[m.path.kind] = (byPath[m.path.kind] ?? 0) + 1;
    if (m.resourceArn !== '*') perResource.set(m.resourceArn, (perResource.get(m.resourceArn) ?? 0) + 1);
  }
  const document = {
    tool: 'resource-profiles-scan',
    schemaVersion: 1,
    summary: {
      principals: result.stats.principals,
      resources: result.stats.resources,
      serviceControlPolicies: result.stats.serviceControlPolicies,
      findings: report.findings.length,
      newFindings: report.findings.filter(f => f.isNew).length,
      failOn: report.failOn,
      failing: report.failing.length,
      baseline: report.baseline,
      bySeverity: countBy(report.findings.map(f => f.severity)),
      byRule: countBy(report.findings.map(f => f.rule)),
    },
    findings: report.findings,
    principals: result.principals,
    roleMappings: {
      total: result.roleMappings.length,
      byAccessLevel: byLevel,
      byPathKind: byPath,
      accountWide: result.roleMappings.filter(m => m.resourceArn === '*').length,
      resources: [...perResource].sort((a, b) => b[1] - a[1]).map(([resourceArn, mappings]) => ({ resourceArn, mappings })),
    },
    warnings: result.warnings,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
