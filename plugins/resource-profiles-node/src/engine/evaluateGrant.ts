import { analyze, type AnalyzeOptions } from './analyze';
import type { CloudModel, PolicyDocument } from './model';
import type { AnalysisResult, Finding } from './result';

export interface GrantRequest {
  /** The principals one person would hold the grant through (e.g. their role, or their SSO roles). */
  principalArns: string[];
  addPolicy: PolicyDocument;
  /** Names the added policy in evidence. */
  policyName?: string;
}

export interface GrantEvaluation {
  /** Findings about these principals (or the person) that exist only with the grant added. */
  newFindings: Finding[];
  /** Whether any of the principals would become full admin. */
  becomesAdmin: boolean;
}

/**
 * What a person would hold with a grant added: runs the analysis with the policy attached
 * inline to each principal and returns the findings the grant creates (SoD conflicts,
 * escalation paths, full admin). `options.humans` is extended with the grant's principals
 * so person-level SoD conflicts across them are reported too. Both analyses cover only the
 * grant's principals and the roles they can reach (`principalScope`), not the whole model.
 * Pass `options.baseline` to reuse an earlier analysis of the unchanged model.
 */
export function evaluateGrant(
  model: CloudModel,
  grant: GrantRequest,
  options: AnalyzeOptions & { baseline?: AnalysisResult } = {},
): GrantEvaluation {
  const targets = new Set(grant.principalArns);
  const person = { id: 'grant-requester', principalArns: grant.principalArns };
  // Only findings about these principals and the person count: the analysis is scoped to them.
  const analysisOptions: AnalyzeOptions = { ...options, roleMappings: false, principalScope: grant.principalArns, humans: [...(options.humans ?? []), person] };
  const before = options.baseline ?? analyze(model, analysisOptions);
  const name = grant.policyName ?? 'requested-grant';
  const withGrant: CloudModel = {
    ...model,
    principals: model.principals.map(p =>
      targets.has(p.arn) ? { ...p, inlinePolicies: [...p.inlinePolicies, { name, document: grant.addPolicy }] } : p,
    ),
  };
  const after = analyze(withGrant, analysisOptions);
  const known = new Set(before.findings.map(f => f.id));
  const concerns = (f: Finding) =>
    f.rule !== 'policy-attached-to-user' && ((f.principal && targets.has(f.principal.arn)) || f.human === person.id);
  const newFindings = after.findings.filter(f => !known.has(f.id) && concerns(f));
  const becomesAdmin = after.principals.some(p => targets.has(p.arn) && p.isAdmin) && !before.principals.some(p => targets.has(p.arn) && p.isAdmin);
  return { newFindings, becomesAdmin };
}
