import { parseArn } from '../arn';
import type { OrganizationTree, PolicyDocument, PolicyStatement, ServiceControlPolicy } from '../model';
import { compileActionPattern } from './patterns';
import { ServiceControlLevels } from './serviceControl';

/**
 * Services whose resources resource control policies govern (AWS Organizations user guide,
 * "List of AWS services that support RCPs"), by ARN service. STS is among them, for role
 * trust, but this engine does not apply RCPs to assuming roles.
 */
const governedServices = new Set(['s3', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'logs', 'dynamodb']);

/** A Deny statement of an RCP, its actions narrowed to the governed services. */
export interface ResourceControlDeny {
  policy: ServiceControlPolicy;
  /** The RCP's Denies as they act: Actions of other services left out (what the analysis compiles). */
  document: PolicyDocument;
  statementIndex: number;
  statement: PolicyStatement;
  /** Whether it can be judged for a whole account (false for NotAction, whose narrowing no Action list says). */
  accountWide: boolean;
}

const none: ResourceControlDeny[] = [];

/** An action pattern narrowed to the governed services: `*` → `s3:*`, `kms:*` …; `lambda:*` → nothing. */
function governedPatterns(pattern: string): string[] {
  const colon = pattern.indexOf(':');
  const service = colon < 0 ? pattern : pattern.slice(0, colon);
  const action = colon < 0 ? '*' : pattern.slice(colon + 1);
  const matches = compileActionPattern(service);
  return [...governedServices].filter(g => matches(g)).map(g => `${g}:${action}`);
}

function governedStatement(s: PolicyStatement): PolicyStatement {
  return s.action ? { ...s, action: s.action.flatMap(governedPatterns) } : s;
}

/**
 * The Denies of the resource control policies over each account: those attached to the root,
 * each OU above the account and the account itself. RCPs only deny (their one Allow,
 * `RCPFullAWSAccess`, is attached everywhere and lets everything through), never affect the
 * management account's resources, and apply to every caller, other accounts' included.
 */
export class ResourceControl {
  private readonly levels: ServiceControlLevels;
  private readonly byAccount = new Map<string, ResourceControlDeny[]>();
  private readonly governed = new Map<ServiceControlPolicy, PolicyDocument>();
  /** Whether some RCP of the inputs denies anything. */
  readonly any: boolean;

  constructor(
    policies: ServiceControlPolicy[] = [],
    private readonly tree?: OrganizationTree,
  ) {
    this.levels = new ServiceControlLevels(policies, tree);
    for (const p of policies) {
      const statements = p.document.statements.filter(s => s.effect === 'Deny').map(governedStatement);
      if (statements.length) this.governed.set(p, { ...p.document, statements });
    }
    this.any = this.governed.size > 0;
  }

  /** Every RCP's Denies as they act. */
  documents(): PolicyDocument[] {
    return [...this.governed.values()];
  }

  /** The Denies over the resources of `accountId` that RCPs govern. */
  deniesOver(accountId: string | undefined): ResourceControlDeny[] {
    if (!this.any || !accountId || accountId === this.tree?.managementAccountId) return none;
    let denies = this.byAccount.get(accountId);
    if (!denies) {
      denies = [];
      // A policy attached at several levels denies once.
      for (const policy of new Set(this.levels.attachedAbove(accountId).flatMap(level => level.policies))) {
        const document = this.governed.get(policy);
        document?.statements.forEach((statement, statementIndex) => denies!.push({ policy, document, statementIndex, statement, accountWide: !!statement.action }));
      }
      this.byAccount.set(accountId, denies);
    }
    return denies;
  }

  /** The Denies over the resource `arn` of `accountId`: none for services RCPs do not govern. */
  deniesOn(arn: string, accountId: string | undefined): ResourceControlDeny[] {
    return governedServices.has(parseArn(arn)?.service ?? '') ? this.deniesOver(accountId) : none;
  }
}
