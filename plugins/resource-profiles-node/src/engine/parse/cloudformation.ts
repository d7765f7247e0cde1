import { z } from 'zod';
import { kindFromIacType, queueArnFromUrl } from '../arn';
import type { CloudResource, ParsedInput, PolicyDocument, PrincipalType, PublicAccessBlock, ResourcePolicy, SourceLocation } from '../model';
import { checkSize, InputParseError, parseJsonText, zodToParseError, type ParseOptions } from './InputParseError';
import { IacPrincipalBuilder, policyFrom } from './iacPrincipals';
import { isEvaluatedPolicyType, OrganizationBuilder, serviceControlPolicy } from './organizations';
import { jsonTemplateLines, loadTemplateYaml } from './cloudformationYaml';
import { addLambdaPermission } from './lambdaPermission';
import { parsePolicyDocument } from './policyDocument';

const templateSchema = z
  .object({
    AWSTemplateFormatVersion: z.union([z.string(), z.date()]).optional(),
    Parameters: z.record(z.string(), z.object({ Default: z.unknown().optional() }).loose()).optional(),
    Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() }).loose()),
  })
  .loose();

type Resources = z.infer<typeof templateSchema>['Resources'];

const nameProperty: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::KMS::Key': '',
};

/**
 * Resolves intrinsic functions as far as a template alone allows. Names CloudFormation
 * generates become `*LogicalId*`, which matches the generated `stack-LogicalId-suffix`.
 */
class Resolver {
  unresolved = new Set<string>();
  constructor(
    private readonly resources: Resources,
    private readonly parameters: Record<string, { Default?: unknown }>,
    readonly accountId: string,
  ) {}

  nameOf(id: string): string {
    const r = this.resources[id];
    const prop = r && nameProperty[r.Type];
    const v = prop ? r.Properties?.[prop] : undefined;
    const s = v === undefined ? undefined : this.string(v);
    return s ?? `*${id}*`;
  }

  arnOf(id: string): string {
    const r = this.resources[id];
    const name = this.nameOf(id);
    switch (r?.Type) {
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${this.accountId}:role/${name}`;
      case 'AWS::IAM::User':
        return `arn:aws:iam::${this.accountId}:user/${name}`;
      case 'AWS::IAM::Group':
        return `arn:aws:iam::${this.accountId}:group/${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${this.accountId}:policy/${name}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name}`;
      default: {
        const service = r ? r.Type.split('::')[1].toLowerCase() : '*';
        return `arn:aws:${service}:*:${this.accountId}:*${id}*`;
      }
    }
  }

  ref(name: string): string {
    if (name === 'AWS::AccountId') return this.accountId;
    if (name === 'AWS::Partition') return 'aws';
    if (name === 'AWS::URLSuffix') return 'amazonaws.com';
    if (name.startsWith('AWS::')) return '*';
    const param = this.parameters[name];
    if (param) return param.Default !== undefined ? String(param.Default) : this.unknown(`parameter ${name}`);
    const r = this.resources[name];
    if (!r) return this.unknown(`Ref ${name}`);
    // The OU's id is generated: the logical id stands for it inside this template.
    if (r.Type === 'AWS::Organizations::OrganizationalUnit') return name;
    return r.Type === 'AWS::IAM::ManagedPolicy' ? this.arnOf(name) : this.nameOf(name);
  }

  private unknown(what: string): string {
    this.unresolved.add(what);
    return '*';
  }

  /**
   * The ARN of the resource a policy names (`Bucket`, `Queues`, `Topics`): the template's own
   * resource when referred to, else the name, URL or ARN given.
   */
  targetArn(v: unknown, fromValue: (s: string) => string | undefined): string | undefined {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const [fn, arg] = Object.entries(v as Record<string, unknown>)[0] ?? [];
      let id: string | undefined;
      if (fn === 'Ref') id = String(arg);
      else if (fn === 'Fn::GetAtt') id = String(Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]);
      if (id && this.resources[id]) return this.arnOf(id);
    }
    const s = this.string(v);
    return s && s !== '*' ? fromValue(s) : undefined;
  }

  getAtt(id: string, attr: string): string {
    if (attr === 'Arn') return this.arnOf(id);
    return this.unknown(`GetAtt ${id}.${attr}`);
  }

  string(v: unknown): string | undefined {
    const r = this.value(v);
    if (typeof r === 'string') return r;
    return r === undefined || r === null ? undefined : String(r);
  }

  /** Deeply replaces intrinsic functions by plain values. */
  value(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(x => this.value(x));
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      switch (fn) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
          return this.getAtt(String(id), String(attr));
        }
        case 'Fn::Sub': {
          const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
          const local = (this.value(vars) ?? {}) as Record<string, unknown>;
          return String(template).replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
            if (name in local) return String(local[name]);
            const dot = name.indexOf('.');
            return dot > 0 && !name.startsWith('AWS::') ? this.getAtt(name.slice(0, dot), name.slice(dot + 1)) : this.ref(name);
          });
        }
        case 'Fn::Join': {
          const [sep, list] = arg as [string, unknown[]];
          const values = this.value(list);
          return Array.isArray(values) ? values.map(String).join(sep) : this.unknown('Fn::Join');
        }
        case 'Fn::If': {
          const [condition, whenTrue] = arg as [string, unknown, unknown];
          this.unresolved.add(`condition ${condition} (assumed true)`);
          return this.value(whenTrue);
        }
        case 'Fn::Select': {
          const [i, list] = arg as [unknown, unknown];
          const values = this.value(list);
          return Array.isArray(values) ? values[Number(this.value(i))] : this.unknown('Fn::Select');
        }
        case 'Fn::Split': {
          const [sep, s] = arg as [string, unknown];
          const value = this.string(s);
          return value === undefined ? [] : value.split(sep);
        }
        default:
          if (fn.startsWith('Fn::')) return this.unknown(fn);
      }
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, this.value(x)]));
  }
}

const listOf = (v: unknown): unknown[] => {
  if (Array.isArray(v)) return v;
  return v === undefined ? [] : [v];
};

/** Parses a CloudFormation template in JSON or YAML (short-form intrinsic tags included). */
export function parseCloudFormation(text: string, source: string, options: ParseOptions & { accountId?: string } = {}): ParsedInput {
  checkSize(text, source, options.maxBytes);
  const isJson = text.trimStart().startsWith('{');
  const loaded = isJson ? { template: parseJsonText(text, source), lines: undefined } : loadTemplateYaml(text, source);
  const parsed = templateSchema.safeParse(loaded.template);
  if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
  const template = parsed.data;
  const lines = loaded.lines ?? jsonTemplateLines(text, Object.keys(template.Resources));
  const accountId = options.accountId ?? '000000000000';
  const resolver = new Resolver(template.Resources, template.Parameters ?? {}, accountId);
  const builder = new IacPrincipalBuilder(() => accountId);
  const organization = new OrganizationBuilder();
  const policies = [];
  const resources: CloudResource[] = [];
  // By resource ARN: a later policy for the same resource replaces an earlier one.
  const resourcePolicies = new Map<string, ResourcePolicy>();
  const publicAccessBlocks: PublicAccessBlock[] = [];
  const warnings: string[] = [];

  const policyDoc = (raw: unknown, at: string): PolicyDocument => {
    if (raw === undefined) throw new InputParseError(source, at, 'missing policy document');
    return parsePolicyDocument(resolver.value(raw), source, at);
  };
  const names = (v: unknown) => listOf(resolver.value(v)).map(String);
  const tags = (v: unknown) => Object.fromEntries(listOf(resolver.value(v)).map((t: any) => [String(t?.Key), String(t?.Value)]));

  for (const [id, r] of Object.entries(template.Resources)) {
    const at = `$.Resources.${id}.Properties`;
    const p = r.Properties ?? {};
    const src: SourceLocation = { file: source, logicalId: id, line: lines.get(id) };
    const holderType = ({ 'AWS::IAM::Role': 'role', 'AWS::IAM::User': 'user', 'AWS::IAM::Group': 'group' } as Record<string, PrincipalType>)[r.Type];
    if (holderType) {
      const name = resolver.nameOf(id);
      const principal = builder.declare(holderType, name, {
        arn: resolver.arnOf(id),
        path: typeof p.Path === 'string' ? p.Path : undefined,
        tags: tags(p.Tags),
        source: src,
        permissionsBoundaryArn: p.PermissionsBoundary ? resolver.string(p.PermissionsBoundary) : undefined,
        managedPolicyArns: names(p.ManagedPolicyArns),
        groupNames: holderType === 'user' ? names(p.Groups) : [],
      });
      listOf(p.Policies).forEach((ip: any, i: number) => {
        principal.inlinePolicies.push({ name: resolver.string(ip?.PolicyName) ?? `inline-${i}`, document: policyDoc(ip?.PolicyDocument, `${at}.Policies[${i}].PolicyDocument`) });
      });
      if (holderType === 'role') principal.trustPolicy = policyDoc(p.AssumeRolePolicyDocument, `${at}.AssumeRolePolicyDocument`);
      if (holderType === 'role') resources.push({ arn: principal.arn, type: 'iam-role', name, accountId, tags: principal.tags, source: src });
      continue;
    }
    switch (r.Type) {
      case 'AWS::IAM::ManagedPolicy': {
        const arn = resolver.arnOf(id);
        policies.push(policyFrom(arn, resolver.nameOf(id), policyDoc(p.PolicyDocument, `${at}.PolicyDocument`), src));
        for (const n of names(p.Roles)) builder.attach('role', n, arn, src);
        for (const n of names(p.Users)) builder.attach('user', n, arn, src);
        for (const n of names(p.Groups)) builder.attach('group', n, arn, src);
        break;
      }
      case 'AWS::IAM::Policy': {
        const doc = policyDoc(p.PolicyDocument, `${at}.PolicyDocument`);
        const name = resolver.string(p.PolicyName) ?? id;
        for (const n of names(p.Roles)) builder.addInline('role', n, name, doc, src);
        for (const n of names(p.Users)) builder.addInline('user', n, name, doc, src);
        for (const n of names(p.Groups)) builder.addInline('group', n, name, doc, src);
        break;
      }
      case 'AWS::Organizations::Policy': {
        const type = resolver.string(p.Type) ?? '';
        if (!isEvaluatedPolicyType(type)) break;
        const content = resolver.value(p.Content);
        const document = policyDoc(typeof content === 'string' ? content : p.Content, `${at}.Content`);
        organization.addPolicy(serviceControlPolicy({ id, name: resolver.string(p.Name) ?? id, document, source: src }, names(p.TargetIds).filter(t => t !== '*')), [], type);
        break;
      }
      case 'AWS::Organizations::OrganizationalUnit': {
        const parent = resolver.string(p.ParentId);
        if (parent && parent !== '*') organization.setParent(id, parent);
        organization.setName(id, resolver.string(p.Name));
        break;
      }
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy': {
        const [field, name, fromValue] = {
          'AWS::S3::BucketPolicy': ['Bucket', 'bucket policy', (s: string) => (s.startsWith('arn:') ? s : `arn:aws:s3:::${s}`)],
          'AWS::SQS::QueuePolicy': ['Queues', 'queue policy', queueArnFromUrl],
          'AWS::SNS::TopicPolicy': ['Topics', 'topic policy', (s: string) => (s.startsWith('arn:') ? s : undefined)],
        }[r.Type] as [string, string, (s: string) => string | undefined];
        const document = policyDoc(p.PolicyDocument, `${at}.PolicyDocument`);
        listOf(p[field]).forEach((target, i) => {
          const resourceArn = resolver.targetArn(target, fromValue);
          if (resourceArn) resourcePolicies.set(resourceArn, { resourceArn, name, document, source: src });
          else warnings.push(`${id}: ${field}[${i}] names no resource this template or an ARN identifies; its ${name} is not evaluated`);
        });
        break;
      }
      case 'AWS::SecretsManager::ResourcePolicy': {
        const resourceArn = resolver.targetArn(p.SecretId, v => (v.startsWith('arn:') ? v : undefined));
        const document = policyDoc(p.ResourcePolicy, `${at}.ResourcePolicy`);
        if (resourceArn) resourcePolicies.set(resourceArn, { resourceArn, name: 'secret policy', document, source: src });
        else warnings.push(`${id}: SecretId names no secret this template or an ARN identifies; its secret policy is not evaluated`);
        break;
      }
      case 'AWS::Lambda::Permission': {
        const functionArn = resolver.targetArn(p.FunctionName, v => (v.startsWith('arn:') ? v : undefined));
        const [action, principal] = [resolver.string(p.Action), resolver.string(p.Principal)];
        if (!action || !principal) throw new InputParseError(source, `${at}.${action ? 'Principal' : 'Action'}`, `${id} needs Action and Principal`);
        if (!functionArn) {
          warnings.push(`${id}: FunctionName names no function this template or an ARN identifies; the permission is not evaluated`);
          break;
        }
        const permission = {
          statementId: id,
          action,
          principal,
          sourceArn: resolver.string(p.SourceArn),
          sourceAccount: resolver.string(p.SourceAccount),
          principalOrgId: resolver.string(p.PrincipalOrgID),
          functionUrlAuthType: resolver.string(p.FunctionUrlAuthType),
        };
        addLambdaPermission(resourcePolicies, functionArn, permission, src);
        break;
      }
      case 'AWS::IAM::UserToGroupAddition': {
        const group = resolver.string(p.GroupName);
        if (group) for (const u of names(p.Users)) builder.addToGroup(u, group, src);
        break;
      }
      default:
        if (r.Type.startsWith('AWS::') && (p.Tags !== undefined || nameProperty[r.Type] !== undefined)) {
          const tagValue = p.Tags;
          // Some resource types (SSM parameters, …) take tags as a map rather than a list.
          const tagMap = tagValue && !Array.isArray(tagValue) && typeof tagValue === 'object' ? (resolver.value(tagValue) as Record<string, string>) : tags(tagValue);
          resources.push({ arn: resolver.arnOf(id), type: kindFromIacType(r.Type), name: resolver.nameOf(id), accountId, tags: tagMap, source: src });
        }
        if (r.Type === 'AWS::S3::Bucket' && p.PublicAccessBlockConfiguration !== undefined) {
          const restrict = (resolver.value(p.PublicAccessBlockConfiguration) as Record<string, unknown> | null)?.RestrictPublicBuckets;
          publicAccessBlocks.push({ target: resolver.arnOf(id), restrictPublicBuckets: restrict === true || restrict === 'true', source: src });
        }
        if (r.Type === 'AWS::KMS::Key' && p.KeyPolicy !== undefined) {
          const keyPolicy = resolver.value(p.KeyPolicy);
          const document = policyDoc(typeof keyPolicy === 'string' ? keyPolicy : p.KeyPolicy, `${at}.KeyPolicy`);
          resourcePolicies.set(resolver.arnOf(id), { resourceArn: resolver.arnOf(id), name: 'key policy', document, source: src });
        }
    }
  }
  if (resolver.unresolved.size) warnings.push(`unresolved intrinsic values were read as "*": ${[...resolver.unresolved].sort().join(', ')}`);
  if (!options.accountId) warnings.push('the template does not fix an account id; its principals are placed in account 000000000000');
  return { kind: 'cloudformation', source, principals: builder.all(), policies, resources, resourcePolicies: [...resourcePolicies.values()], publicAccessBlocks, warnings, ...organization.build() };
}
