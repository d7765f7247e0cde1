import { z } from 'zod';
import type { ParsedInput } from '../model';
import { InputParseError, parseJsonExport, type ParseOptions } from './InputParseError';
import { isEvaluatedPolicyType, OrganizationBuilder, serviceControlPolicy } from './organizations';
import { parsePolicyDocument } from './policyDocument';

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit account id');
const parentId = z.string().regex(/^(r-|ou-)/, 'expected a root (r-…) or OU (ou-…) id');

/**
 * An AWS Organizations export: `DescribeOrganization`'s organization, the roots, every OU and
 * account with its parent (`ListParents`), and every policy with its content (`DescribePolicy`)
 * and targets (`ListTargetsForPolicy`). The backend's live reader writes this shape, and
 * `docs/engine.md` shows how to write it with the AWS CLI.
 */
const exportSchema = z
  .object({
    Organization: z.object({ Id: z.string().optional(), MasterAccountId: accountId.optional() }).loose().optional(),
    Roots: z.array(z.object({ Id: z.string().startsWith('r-', 'expected a root id (r-…)'), Name: z.string().optional() }).loose()).default([]),
    OrganizationalUnits: z.array(z.object({ Id: z.string().startsWith('ou-', 'expected an OU id (ou-…)'), ParentId: parentId, Name: z.string().optional() }).loose()).default([]),
    Accounts: z.array(z.object({ Id: accountId, ParentId: parentId.optional(), Name: z.string().optional() }).loose()).default([]),
    Policies: z
      .array(
        z
          .object({
            Id: z.string().startsWith('p-', 'expected a policy id (p-…)'),
            Arn: z.string().optional(),
            Name: z.string(),
            Type: z.string().default('SERVICE_CONTROL_POLICY'),
            Content: z.unknown(),
            TargetIds: z.array(z.string()).default([]),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

const knownKeys = ['Organization', 'Roots', 'OrganizationalUnits', 'Accounts', 'Policies'];

/** Parses an AWS Organizations export: service and resource control policies and where each account sits. */
export function parseAwsOrganizations(text: string, source: string, options: ParseOptions = {}): ParsedInput {
  const data = parseJsonExport(text, source, options, exportSchema, knownKeys, `an AWS Organizations export: expected an object with ${knownKeys.join(', ')}`);
  const organization = new OrganizationBuilder();
  const warnings: string[] = [];
  if (data.Organization?.MasterAccountId) organization.setManagementAccount(data.Organization.MasterAccountId);
  organization.addRoots(data.Roots.map(r => r.Id));
  for (const ou of data.OrganizationalUnits) organization.setParent(ou.Id, ou.ParentId);
  organization.addMembers(data.Accounts.map(a => a.Id));
  for (const a of data.Accounts) if (a.ParentId) organization.setParent(a.Id, a.ParentId);
  for (const node of [...data.Roots, ...data.OrganizationalUnits, ...data.Accounts]) organization.setName(node.Id, node.Name);
  organization.setOrganizationId(data.Organization?.Id);
  data.Policies.forEach((p, i) => {
    const type = p.Type;
    if (!isEvaluatedPolicyType(type)) return;
    const at = `$.Policies[${i}].Content`;
    if (p.Content === undefined) throw new InputParseError(source, at, `policy ${p.Id} has no content`);
    const document = parsePolicyDocument(p.Content, source, at);
    organization.addPolicy(serviceControlPolicy({ id: p.Id, arn: p.Arn, name: p.Name, document, source: { file: source, address: `$.Policies[${i}]` } }, p.TargetIds), [], type);
  });
  return { kind: 'aws-organizations', source, principals: [], policies: [], resources: [], warnings, ...organization.build() };
}
