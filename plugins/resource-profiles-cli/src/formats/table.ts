import type { ScanReport } from './report';

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The human default: one line per finding, then a summary and the gate's verdict. */
export function formatTable(report: ScanReport): string {
  const rows = report.findings.map(f => [
    f.severity.toUpperCase(),
    f.isNew ? '' : 'known',
    f.method ? `${f.rule}/${f.method}` : f.rule,
    f.principal?.name ?? f.resources[0] ?? '',
    truncate(f.title + (f.conditional ? ' (conditional)' : '') + (f.evidence.chain ? ` [${f.evidence.chain.map(a => a.split('/').pop()).join(' → ')}]` : ''), 110),
  ]);
  const header = ['SEVERITY', 'BASE', 'RULE', 'SUBJECT', 'FINDING'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map(r => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : truncate(c, widths[i]).padEnd(widths[i]))).join('  ');
  const out = [line(header), ...rows.map(line)];
  const { stats } = report.result;
  out.push('');
  const scps = stats.serviceControlPolicies ? `; ${stats.serviceControlPolicies} service control polic${stats.serviceControlPolicies === 1 ? 'y' : 'ies'} applied` : '';
  out.push(`${report.findings.length} finding(s) over ${stats.principals} principals and ${stats.resources} resources; ${stats.roleMappings} role mappings${scps}.`);
  for (const w of report.result.warnings) out.push(`warning: ${w}`);
  out.push(
    report.failing.length
      ? `FAIL: ${report.failing.length} ${report.baseline ? 'new ' : ''}finding(s) at or above ${report.failOn}.`
      : `PASS: no ${report.baseline ? 'new ' : ''}finding at or above ${report.failOn}.`,
  );
  return `${out.join('\n')}\n`;
}
