import type { Finding } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import type { ReportedFinding, ScanReport } from './report';

const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;
const securitySeverity = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' } as const;

const ruleIdOf = (f: Finding) => (f.method ? `${f.rule}/${f.method}` : f.rule);

/** The line of a finding: the IaC line when known, else where its principal or resource ARN appears. */
function lineOf(f: Finding, texts: Map<string, string>): number | undefined {
  if (f.location?.line) return f.location.line;
  const text = f.location && texts.get(f.location.file);
  const needle = f.principal?.arn ?? f.resources[0];
  if (!text || !needle) return undefined;
  const at = text.indexOf(`"${needle}"`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

const toUri = (file: string) => file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');

/** SARIF 2.1.0 for code-scanning UIs; locations point into the input files. */
export function formatSarif(report: ScanReport, version: string): string {
  const rules = new Map<string, { index: number; finding: ReportedFinding }>();
  for (const f of report.findings) if (!rules.has(ruleIdOf(f))) rules.set(ruleIdOf(f), { index: rules.size, finding: f });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'resource-profiles-scan',
            informationUri: 'https://github.com/resource-profiles/resource-profiles',
            semanticVersion: version,
            rules: [...rules].map(([id, { finding }]) => ({
              id,
              name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: finding.method ? `${finding.rule}: ${finding.method}` : finding.rule },
              help: { text: finding.remediation },
              defaultConfiguration: { level: levels[finding.severity] },
              properties: {
                tags: ['security', 'iam'],
                'security-severity': securitySeverity[finding.severity],
                ...(finding.pathfindingId ? { pathfindingId: finding.pathfindingId } : {}),
              },
            })),
          },
        },
        artifacts: [...report.texts.keys()].map(file => ({ location: { uri: toUri(file) } })),
        results: report.findings.map(f => {
          const line = lineOf(f, report.texts);
          return {
            ruleId: ruleIdOf(f),
            ruleIndex: rules.get(ruleIdOf(f))!.index,
            level: levels[f.severity],
            message: { text: `${f.title}${f.conditional ? ' (conditional)' : ''}. ${f.remediation}` },
            ...(f.location
              ? {
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: toUri(f.location.file) },
                        ...(line ? { region: { startLine: line } } : {}),
                      },
                      ...(f.location.address || f.location.logicalId
                        ? { logicalLocations: [{ fullyQualifiedName: f.location.logicalId ?? f.location.address, kind: 'resource' }] }
                        : {}),
                    },
                  ],
                }
              : {}),
            partialFingerprints: { 'resourceProfilesFindingId/v1': f.id },
            baselineState: baselineState(report.baseline, f.isNew),
            properties: {
              findingId: f.id,
              severity: f.severity,
              principal: f.principal?.arn,
              resources: f.resources,
              chain: f.evidence.chain,
              conditional: f.conditional,
            },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** SARIF's baselineState: only set when the scan ran against a baseline. */
function baselineState(baseline: unknown, isNew: boolean | undefined) {
  if (!baseline) return undefined;
  return isNew ? 'new' : 'unchanged';
}
