import type { PolicyStatement, ResourcePolicy, SourceLocation } from '../model';

/** A Lambda permission (`aws_lambda_permission`, `AWS::Lambda::Permission`): one statement of its function's policy. */
export interface LambdaPermission {
  statementId?: string;
  action: string;
  /** An AWS service (`events.amazonaws.com`), an account id or ARN, or `*`. */
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
  principalOrgId?: string;
  functionUrlAuthType?: string;
}

/** The statement Lambda writes into the function's resource policy for a permission. */
function lambdaPermissionStatement(p: LambdaPermission, functionArn: string): PolicyStatement {
  const condition: NonNullable<PolicyStatement['condition']> = {};
  const add = (operator: string, key: string, value: string | undefined) => {
    if (value) (condition[operator] ??= {})[key] = [value];
  };
  add('ArnLike', 'AWS:SourceArn', p.sourceArn);
  add('StringEquals', 'AWS:SourceAccount', p.sourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', p.principalOrgId);
  add('StringEquals', 'lambda:FunctionUrlAuthType', p.functionUrlAuthType);
  let principal: PolicyStatement['principal'];
  if (p.principal === '*') principal = '*';
  else if (p.principal.endsWith('.amazonaws.com')) principal = { Service: [p.principal] };
  else principal = { AWS: [p.principal] };
  return {
    sid: p.statementId,
    effect: 'Allow',
    principal,
    action: [p.action],
    resource: [functionArn],
    condition: Object.keys(condition).length ? condition : undefined,
  };
}

/** Adds a permission to its function's policy, made when it is the function's first (policies by resource ARN). */
export function addLambdaPermission(policies: Map<string, ResourcePolicy>, functionArn: string, permission: LambdaPermission, source: SourceLocation, planned?: boolean): void {
  const statement = lambdaPermissionStatement(permission, functionArn);
  const policy = policies.get(functionArn);
  if (policy) policy.document.statements.push(statement);
  else policies.set(functionArn, { resourceArn: functionArn, name: 'function policy', document: { version: '2012-10-17', statements: [statement] }, source, planned });
}
