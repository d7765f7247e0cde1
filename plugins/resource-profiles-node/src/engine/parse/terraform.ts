import { z } from 'zod';
import { kindFromArn, kindFromIacType, parseArn, queueArnFromUrl } from '../arn';
import type { CloudResource, ParsedInput, PrincipalType, PublicAccessBlock, ResourcePolicy, SourceLocation } from '../model';
import { checkSize, InputParseError, parseJsonText, zodToParseError, type ParseOptions } from './InputParseError';
import { IacPrincipalBuilder, policyFrom } from './iacPrincipals';
import { isEvaluatedPolicyType, OrganizationBuilder, serviceControlPolicy } from './organizations';
import { addLambdaPermission } from './lambdaPermission';
import { parsePolicyDocument } from './policyDocument';

interface TfResource {
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
  /** JSON path of `values`. */
  at: string;
  planned: boolean;
  unknown: Record<string, unknown>;
}

const stateV4 = z.object({
  version: z.literal(4),
  resources: z.array(
    z
      .object({
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        module: z.string().optional(),
        instances: z.array(z.object({ index_key: z.union([z.string(), z.number()]).optional(), attributes: z.record(z.string(), z.unknown()) }).loose()),
      })
      .loose(),
  ),
});

interface ModuleValues {
  resources?: { address: string; mode: string; type: string; name: string; values?: Record<string, unknown> }[];
  child_modules?: ModuleValues[];
}
const moduleSchema: z.ZodType<ModuleValues> = z.lazy(() =>
  z
    .object({
      resources: z
        .array(z.object({ address: z.string(), mode: z.string(), type: z.string(), name: z.string(), values: z.record(z.string(), z.unknown()).optional() }).loose())
        .optional(),
      child_modules: z.array(moduleSchema).optional(),
    })
    .loose(),
);
const showJson = z
  .object({
    format_version: z.string(),
    values: z.object({ root_module: moduleSchema }).loose().optional(),
    planned_values: z.object({ root_module: moduleSchema }).loose().optional(),
    configuration: z
      .object({
        root_module: z
          .object({ resources: z.array(z.object({ address: z.string(), expressions: z.record(z.string(), z.unknown()).optional() }).loose()).optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
    resource_changes: z
      .array(z.object({ address: z.string(), change: z.object({ actions: z.array(z.string()), after_unknown: z.unknown().optional() }).loose() }).loose())
      .optional(),
  })
  .loose();

function walkModule(mod: ModuleValues, at: string, planned: (address: string) => boolean, unknown: (a: string) => Record<string, unknown>, out: TfResource[]): void {
  (mod.resources ?? []).forEach((r, i) => {
    if (r.mode !== 'managed') return;
    out.push({ address: r.address, type: r.type, name: r.name, values: r.values ?? {}, at: `${at}.resources[${i}].values`, planned: planned(r.address), unknown: unknown(r.address) });
  });
  (mod.child_modules ?? []).forEach((c, i) => walkModule(c, `${at}.child_modules[${i}]`, planned, unknown, out));
}

function addressLines(text: string, plan: boolean): Map<string, number> {
  const lines = new Map<string, number>();
  const re = plan ? /"address"\s*:\s*"([^"]+)"/g : /"type"\s*:\s*"([^"]+)"\s*,\s*"name"\s*:\s*"([^"]+)"/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let k = last; k < m.index; k++) if (text.charCodeAt(k) === 10) line++;
    last = m.index;
    const key = plan ? m[1] : `${m[1]}.${m[2]}`;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const tagsOf = (v: Record<string, unknown>) => {
  const t = (v.tags_all ?? v.tags) as Record<string, unknown> | null | undefined;
  return t && typeof t === 'object' ? Object.fromEntries(Object.entries(t).map(([k, x]) => [k, String(x)])) : {};
};

/**
 * Parses Terraform state (v4), `terraform show -json` state, or `terraform show -json` plan
 * output (auto-detected). Plans mark planned additions with `planned: true`.
 */
export function parseTerraform(text: string, source: string, options: ParseOptions & { accountId?: string } = {}): ParsedInput {
  checkSize(text, source, options.maxBytes);
  const raw = parseJsonText(text, source) as Record<string, unknown>;
  const resources: TfResource[] = [];
  let kind: ParsedInput['kind'] = 'terraform-state';
  /** Plans only: the resources each root-module argument refers to (`address.field` → `[address, …]`). */
  const references = new Map<string, string[]>();
  if (raw && typeof raw === 'object' && raw.version === 4 && 'resources' in raw) {
    const parsed = stateV4.safeParse(raw);
    if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
    parsed.data.resources.forEach((r, i) => {
      if (r.mode !== 'managed') return;
      r.instances.forEach((inst, j) => {
        const key = inst.index_key === undefined ? '' : `[${JSON.stringify(inst.index_key)}]`;
        const address = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${key}`;
        resources.push({ address, type: r.type, name: r.name, values: inst.attributes, at: `$.resources[${i}].instances[${j}].attributes`, planned: false, unknown: {} });
      });
    });
  } else if (raw && typeof raw === 'object' && 'format_version' in raw) {
    const parsed = showJson.safeParse(raw);
    if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
    const data = parsed.data;
    const changes = new Map((data.resource_changes ?? []).map(c => [c.address, c.change]));
    const created = (a: string) => !!changes.get(a)?.actions.includes('create');
    const unknownOf = (a: string) => {
      const u = changes.get(a)?.after_unknown;
      return u && typeof u === 'object' ? (u as Record<string, unknown>) : {};
    };
    for (const r of data.configuration?.root_module?.resources ?? []) {
      for (const [field, e] of Object.entries(r.expressions ?? {})) {
        const refs = (e as { references?: unknown } | null)?.references;
        if (Array.isArray(refs)) references.set(`${r.address}.${field}`, refs.filter((x): x is string => typeof x === 'string'));
      }
    }
    if (data.planned_values) {
      kind = 'terraform-plan';
      walkModule(data.planned_values.root_module, '$.planned_values.root_module', created, unknownOf, resources);
    } else if (data.values) {
      walkModule(data.values.root_module, '$.values.root_module', () => false, () => ({}), resources);
    } else {
      throw new InputParseError(source, '$', 'a `terraform show -json` document needs `values` (state) or `planned_values` (plan)');
    }
  } else {
    throw new InputParseError(source, '$', 'not Terraform state v4 nor `terraform show -json` output: expected `"version": 4` with `resources`, or `format_version`');
  }

  const lines = addressLines(text, kind === 'terraform-plan' || !('version' in raw));
  // The account of new principals: the option, else the account most of the resources' own ARNs
  // name, else the one most ARNs anywhere in the input name (policies may name other accounts'
  // principals many times over, so they count only when no resource has an ARN).
  const accounts = new Map<string, number>();
  if (options.accountId) accounts.set(options.accountId, Infinity);
  const vote = (arn: string) => {
    const m = /^arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/.exec(arn);
    if (m) accounts.set(m[1], (accounts.get(m[1]) ?? 0) + 1);
    return !!m;
  };
  let voted = false;
  for (const r of resources) if (typeof r.values.arn === 'string' && vote(r.values.arn)) voted = true;
  if (!voted) for (const m of text.matchAll(/arn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}:/g)) vote(m[0]);
  const warnings: string[] = [];
  const accountId = [...accounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '000000000000';
  let placedWithoutAccount = false;

  const builder = new IacPrincipalBuilder(() => {
    placedWithoutAccount ||= accounts.size === 0;
    return accountId;
  });
  const organization = new OrganizationBuilder();
  let byAddress: Map<string, TfResource> | undefined;
  /**
   * An Organizations id (policy, OU, account, root): the value when known; in a plan, the id of
   * the resource the argument refers to, which is that resource's address while it is created.
   */
  const orgId = (r: TfResource, field: string): string | undefined => {
    const known = str(r.values[field]);
    if (known) return known;
    for (const ref of references.get(`${r.address}.${field}`) ?? []) {
      byAddress ??= new Map(resources.map(each => [each.address, each]));
      const target = byAddress.get(ref.replace(/\.id$/, ''));
      if (target) return str(target.values.id) ?? target.address;
    }
    return undefined;
  };
  const policies = [];
  const cloudResources: CloudResource[] = [];
  const resourcePolicies = new Map<string, ResourcePolicy>();
  const publicAccessBlocks: PublicAccessBlock[] = [];
  const doc = (r: TfResource, field: string, value: unknown, what: string) => {
    if (value === undefined || value === null || value === '') {
      if (r.unknown[field]) warnings.push(`${r.address}: ${what} is only known after apply; it is not evaluated`);
      else throw new InputParseError(source, `${r.at}.${field}`, `${r.address} has no ${what}`);
      return undefined;
    }
    return parsePolicyDocument(value, source, `${r.at}.${field}`);
  };

  // Permissions name their function by name or ARN; the functions of this input by name (a
  // planned function's ARN is not known yet: it gets the same stand-in as its resource).
  const functionArns = new Map(resources.filter(r => r.type === 'aws_lambda_function').map(r => [str(r.values.function_name), str(r.values.arn) ?? syntheticArn(r, accountId)]));
  const functionArnOf = (name: string | undefined) => (name?.startsWith('arn:') ? name.split(':').slice(0, 7).join(':') : functionArns.get(name));

  for (const r of resources) {
    const v = r.values;
    const src: SourceLocation = { file: source, address: r.address, line: lines.get(kind === 'terraform-state' && 'version' in raw ? `${r.type}.${r.name}` : r.address) };
    const planned = r.planned || undefined;
    const arn = str(v.arn);
    const resourcePolicy = resourcePolicyOf(r, arn);
    if (resourcePolicy) {
      const { resourceArn, name, standalone } = resourcePolicy;
      // The resource's own `policy` attribute is empty when it has none; a policy resource must have one.
      const document = standalone ? doc(r, 'policy', v.policy, name) : str(v.policy) && parsePolicyDocument(v.policy, source, `${r.at}.policy`);
      // A policy resource after its resource (or the other way round) describes the same policy: the policy resource wins.
      if (document && resourceArn && (standalone || !resourcePolicies.has(resourceArn))) resourcePolicies.set(resourceArn, { resourceArn, name, document, source: src, planned });
      else if (document && !resourceArn) warnings.push(`${r.address}: the ${name}'s resource is only known after apply; it is not evaluated`);
      if (standalone) continue;
    }
    switch (r.type) {
      case 'aws_iam_user':
      case 'aws_iam_group':
      case 'aws_iam_role': {
        const type = r.type.slice('aws_iam_'.length) as PrincipalType;
        const name = str(v.name) ?? r.name;
        const p = builder.declare(type, name, { arn, path: str(v.path), tags: tagsOf(v), source: src, planned, permissionsBoundaryArn: str(v.permissions_boundary), createDate: str(v.create_date) });
        if (type === 'role') {
          const trust = doc(r, 'assume_role_policy', v.assume_role_policy, 'trust policy');
          if (trust) p.trustPolicy = trust;
          (Array.isArray(v.inline_policy) ? v.inline_policy : []).forEach((ip: Record<string, unknown>, i: number) => {
            if (!str(ip.policy)) return;
            p.inlinePolicies.push({ name: str(ip.name) ?? `inline-${i}`, document: parsePolicyDocument(ip.policy, source, `${r.at}.inline_policy[${i}].policy`) });
          });
          for (const a of strList(v.managed_policy_arns)) if (!p.managedPolicyArns.includes(a)) p.managedPolicyArns.push(a);
        }
        if (arn) cloudResources.push(resourceOf(r, arn, src, accountId, planned));
        break;
      }
      case 'aws_iam_policy': {
        const document = doc(r, 'policy', v.policy, 'policy document');
        const name = str(v.name) ?? r.name;
        const policyArn = arn ?? `arn:aws:iam::${accountId}:policy${str(v.path) ?? '/'}${name}`;
        if (document) policies.push(policyFrom(policyArn, name, document, src, planned));
        break;
      }
      case 'aws_iam_user_policy':
      case 'aws_iam_group_policy':
      case 'aws_iam_role_policy': {
        const type = r.type.split('_')[2] as PrincipalType;
        const document = doc(r, 'policy', v.policy, 'policy document');
        const holder = str(v[type]);
        if (!holder) throw new InputParseError(source, `${r.at}.${type}`, `${r.address} does not name its ${type}`);
        if (document) builder.addInline(type, holder, str(v.name) ?? r.name, document, src);
        break;
      }
      case 'aws_iam_user_policy_attachment':
      case 'aws_iam_group_policy_attachment':
      case 'aws_iam_role_policy_attachment': {
        const type = r.type.split('_')[2] as PrincipalType;
        const holder = str(v[type]);
        const policyArn = str(v.policy_arn);
        if (!holder || !policyArn) {
          warnings.push(`${r.address}: ${type} or policy_arn is only known after apply; the attachment is not evaluated`);
          break;
        }
        builder.attach(type, holder, policyArn, src);
        break;
      }
      case 'aws_iam_policy_attachment': {
        const policyArn = str(v.policy_arn);
        if (!policyArn) break;
        for (const u of strList(v.users)) builder.attach('user', u, policyArn, src);
        for (const g of strList(v.groups)) builder.attach('group', g, policyArn, src);
        for (const ro of strList(v.roles)) builder.attach('role', ro, policyArn, src);
        break;
      }
      case 'aws_iam_group_membership': {
        const group = str(v.group);
        if (group) for (const u of strList(v.users)) builder.addToGroup(u, group, src);
        break;
      }
      case 'aws_iam_user_group_membership': {
        const user = str(v.user);
        if (user) for (const g of strList(v.groups)) builder.addToGroup(user, g, src);
        break;
      }
      case 'aws_s3_bucket_public_access_block':
      case 'aws_s3_account_public_access_block': {
        const bucket = str(v.bucket);
        const target = r.type === 'aws_s3_bucket_public_access_block' ? bucket && `arn:aws:s3:::${bucket}` : str(v.account_id) ?? accountId;
        if (target) publicAccessBlocks.push({ target, restrictPublicBuckets: v.restrict_public_buckets === true, source: src });
        else warnings.push(`${r.address}: the bucket is only known after apply; its public access block is not evaluated`);
        break;
      }
      case 'aws_lambda_permission': {
        const missing = ['function_name', 'action', 'principal'].filter(field => !str(v[field]));
        if (missing.length) {
          if (!missing.every(field => r.unknown[field])) throw new InputParseError(source, `${r.at}.${missing[0]}`, `${r.address} has no ${missing[0]}`);
          warnings.push(`${r.address}: ${missing.join(', ')} only known after apply; the permission is not evaluated`);
          break;
        }
        const functionArn = functionArnOf(str(v.function_name));
        if (!functionArn) {
          warnings.push(`${r.address}: function ${str(v.function_name)} is not in this input; the permission is not evaluated`);
          break;
        }
        const [action, principal] = [str(v.action)!, str(v.principal)!];
        const permission = { statementId: str(v.statement_id), action, principal, sourceArn: str(v.source_arn), sourceAccount: str(v.source_account), principalOrgId: str(v.principal_org_id), functionUrlAuthType: str(v.function_url_auth_type) };
        addLambdaPermission(resourcePolicies, functionArn, permission, src, planned);
        break;
      }
      case 'aws_organizations_policy': {
        const id = str(v.id) ?? r.address;
        const type = str(v.type) ?? 'SERVICE_CONTROL_POLICY';
        if (!isEvaluatedPolicyType(type)) {
          organization.addOtherPolicy([id, r.address]);
          break;
        }
        const document = doc(r, 'content', v.content, 'policy content');
        if (document) organization.addPolicy(serviceControlPolicy({ id, arn, name: str(v.name) ?? r.name, document, source: src, planned }), [r.address], type);
        break;
      }
      case 'aws_organizations_policy_attachment': {
        const policyId = orgId(r, 'policy_id');
        const targetId = orgId(r, 'target_id');
        if (!policyId || !targetId) warnings.push(`${r.address}: policy_id or target_id is only known after apply; the attachment is not evaluated`);
        else organization.attach(policyId, targetId, src);
        break;
      }
      case 'aws_organizations_organizational_unit':
      case 'aws_organizations_account': {
        const id = orgId(r, 'id') ?? r.address;
        const parent = orgId(r, 'parent_id');
        if (parent) organization.setParent(id, parent);
        organization.setName(id, str(v.name));
        if (r.type === 'aws_organizations_account') organization.addMembers([id]);
        break;
      }
      case 'aws_organizations_organization': {
        const ids = (list: unknown) => (Array.isArray(list) ? list.map(x => str((x as Record<string, unknown> | null)?.id)).filter((x): x is string => !!x) : []);
        organization.addMembers(ids(v.accounts));
        organization.addRoots(ids(v.roots));
        const management = str(v.master_account_id);
        if (management) organization.setManagementAccount(management);
        organization.setOrganizationId(str(v.id));
        break;
      }
      default:
        if (r.type.startsWith('aws_') && (arn || 'tags' in v)) {
          cloudResources.push(resourceOf(r, arn ?? syntheticArn(r, accountId), src, accountId, planned));
        }
    }
  }
  const principals = builder.all();
  if (placedWithoutAccount) warnings.push('no ARN carries an account id; new IAM principals are placed in account 000000000000');
  return { kind, source, principals, policies, resources: cloudResources, resourcePolicies: [...resourcePolicies.values()], publicAccessBlocks, warnings, ...organization.build() };
}

/**
 * The resource a resource-based policy belongs to: a policy resource (`aws_s3_bucket_policy`,
 * `standalone`) names it, a resource with a `policy` attribute is it.
 */
function resourcePolicyOf(r: TfResource, arn: string | undefined): { resourceArn?: string; name: string; standalone: boolean } | undefined {
  const v = r.values;
  switch (r.type) {
    case 'aws_s3_bucket_policy': {
      const bucket = str(v.bucket);
      return { resourceArn: bucket && `arn:aws:s3:::${bucket}`, name: 'bucket policy', standalone: true };
    }
    case 'aws_sqs_queue_policy':
      return { resourceArn: queueArnFromUrl(str(v.queue_url)), name: 'queue policy', standalone: true };
    case 'aws_sns_topic_policy':
      return { resourceArn: str(v.arn), name: 'topic policy', standalone: true };
    case 'aws_secretsmanager_secret_policy':
      return { resourceArn: str(v.secret_arn), name: 'secret policy', standalone: true };
    case 'aws_secretsmanager_secret':
      return { resourceArn: arn, name: 'secret policy', standalone: false };
    case 'aws_s3_bucket':
      return { resourceArn: arn ?? (str(v.bucket) && `arn:aws:s3:::${str(v.bucket)}`), name: 'bucket policy', standalone: false };
    case 'aws_sqs_queue':
      return { resourceArn: arn, name: 'queue policy', standalone: false };
    case 'aws_sns_topic':
      return { resourceArn: arn, name: 'topic policy', standalone: false };
    case 'aws_kms_key':
      return { resourceArn: arn, name: 'key policy', standalone: false };
    default:
      return undefined;
  }
}

function syntheticArn(r: TfResource, accountId: string): string {
  const name = str(r.values.bucket) ?? str(r.values.name) ?? str(r.values.id) ?? r.address;
  if (r.type === 'aws_s3_bucket') return `arn:aws:s3:::${name}`;
  return `arn:aws:${r.type.split('_')[1]}::${accountId}:${r.type.slice(4)}/${name}`;
}

function resourceOf(r: TfResource, arn: string, source: SourceLocation, accountId: string, planned?: boolean): CloudResource {
  const v = r.values;
  const parsed = parseArn(arn);
  return {
    arn,
    type: r.type.startsWith('aws_') ? kindFromIacType(r.type) : kindFromArn(arn),
    name: str(v.bucket) ?? str(v.name) ?? str(v.identifier) ?? str(v.function_name) ?? r.name,
    accountId: parsed?.accountId || accountId,
    region: parsed?.region || undefined,
    tags: tagsOf(v),
    source,
    planned,
  };
}
