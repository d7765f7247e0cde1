import type { AnalysisResult, Finding } from '@resource-profiles/backstage-plugin-resource-profiles-node';

/** A finding as the CLI reports it: `isNew` is false when the baseline already had it. */
export type ReportedFinding = Finding & { isNew: boolean };

export interface ScanReport {
  result: AnalysisResult;
  findings: ReportedFinding[];
  failOn: Finding['severity'];
  failing: ReportedFinding[];
  baseline?: string;
  /** Input file texts, to locate findings by line. */
  texts: Map<string, string>;
}
