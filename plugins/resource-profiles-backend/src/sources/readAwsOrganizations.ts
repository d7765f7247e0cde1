import {
  DescribeOrganizationCommand,
  DescribeOrganizationCommandOutput,
  DescribePolicyCommand,
  DescribePolicyCommandOutput,
  ListAccountsForParentCommand,
  ListAccountsForParentCommandOutput,
  ListOrganizationalUnitsForParentCommand,
  ListOrganizationalUnitsForParentCommandOutput,
  ListPoliciesCommand,
  ListPoliciesCommandOutput,
  ListRootsCommand,
  ListRootsCommandOutput,
  ListTargetsForPolicyCommand,
  ListTargetsForPolicyCommandOutput,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { InputError } from '@backstage/errors';
import { awsClientConfig } from './awsClientConfig';
import { allPages } from './awsPaging';
import { LiveDocuments } from './liveDocuments';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/** The policy types the analysis evaluates: service control and resource control policies. */
const policyTypes = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const;

/** The slice of OrganizationsClient this reader uses, so tests can pass a fake. */
export interface OrganizationsClientLike {
  send(command: DescribeOrganizationCommand): Promise<DescribeOrganizationCommandOutput>;
  send(command: ListRootsCommand): Promise<ListRootsCommandOutput>;
  send(command: ListOrganizationalUnitsForParentCommand): Promise<ListOrganizationalUnitsForParentCommandOutput>;
  send(command: ListAccountsForParentCommand): Promise<ListAccountsForParentCommandOutput>;
  send(command: ListPoliciesCommand): Promise<ListPoliciesCommandOutput>;
  send(command: DescribePolicyCommand): Promise<DescribePolicyCommandOutput>;
  send(command: ListTargetsForPolicyCommand): Promise<ListTargetsForPolicyCommandOutput>;
}

export type OrganizationsClientFactory = (account: AwsAccountConfig) => Promise<OrganizationsClientLike>;

/**
 * Organizations clients from the default credential chain, assuming the account's role when one
 * is set. Organizations is a global service served from us-east-1 (in the commercial partition).
 */
export const defaultOrganizationsClientFactory: OrganizationsClientFactory = async account => new OrganizationsClient(await awsClientConfig(account));

/**
 * Reads the organization of the source's one account (the management account or a delegated
 * administrator) into one AWS Organizations export document: the organization, its roots, every
 * OU and account with its parent, and every service control policy with its content and targets.
 */
export async function readAwsOrganizations(
  source: SourceConfig,
  clientFactory: OrganizationsClientFactory = defaultOrganizationsClientFactory,
): Promise<SourceDocument[]> {
  const [account] = source.accounts ?? [];
  if (!account || source.accounts!.length !== 1) {
    throw new InputError(`aws-organizations source ${source.id} needs exactly one account`);
  }
  const client = await clientFactory(account);

  const { Organization: organization } = await client.send(new DescribeOrganizationCommand({}));
  const roots = await allPages(async NextToken => {
    const page = await client.send(new ListRootsCommand({ NextToken }));
    return { items: page.Roots, nextToken: page.NextToken };
  });

  const organizationalUnits: { Id?: string; Arn?: string; Name?: string; ParentId: string }[] = [];
  const accounts: { Id?: string; Arn?: string; Name?: string; ParentId: string }[] = [];
  // Breadth first from each root: every parent's OUs are queued, and its accounts read.
  const parents = roots.flatMap(root => (root.Id ? [root.Id] : []));
  for (let i = 0; i < parents.length; i++) {
    const ParentId = parents[i];
    const children = await allPages(async NextToken => {
      const page = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId, NextToken }));
      return { items: page.OrganizationalUnits, nextToken: page.NextToken };
    });
    for (const ou of children) {
      organizationalUnits.push({ Id: ou.Id, Arn: ou.Arn, Name: ou.Name, ParentId });
      if (ou.Id) parents.push(ou.Id);
    }
    const members = await allPages(async NextToken => {
      const page = await client.send(new ListAccountsForParentCommand({ ParentId, NextToken }));
      return { items: page.Accounts, nextToken: page.NextToken };
    });
    // Emails are left out: the analysis does not need them.
    accounts.push(...members.map(a => ({ Id: a.Id, Arn: a.Arn, Name: a.Name, ParentId })));
  }

  const summaries = [];
  for (const Filter of policyTypes) {
    summaries.push(
      ...(await allPages(async NextToken => {
        const page = await client.send(new ListPoliciesCommand({ Filter, NextToken }));
        return { items: page.Policies, nextToken: page.NextToken };
      })),
    );
  }
  const policies = [];
  for (const summary of summaries) {
    const PolicyId = summary.Id;
    const { Policy } = await client.send(new DescribePolicyCommand({ PolicyId }));
    const targets = await allPages(async NextToken => {
      const page = await client.send(new ListTargetsForPolicyCommand({ PolicyId, NextToken }));
      return { items: page.Targets, nextToken: page.NextToken };
    });
    policies.push({
      Id: summary.Id,
      Arn: summary.Arn,
      Name: summary.Name,
      Type: summary.Type,
      AwsManaged: summary.AwsManaged,
      Content: Policy?.Content,
      TargetIds: targets.flatMap(t => (t.TargetId ? [t.TargetId] : [])),
    });
  }

  const out = new LiveDocuments(source);
  out.add(account, {
    Organization: organization && {
      Id: organization.Id,
      Arn: organization.Arn,
      FeatureSet: organization.FeatureSet,
      MasterAccountId: organization.MasterAccountId,
    },
    Roots: roots.map(r => ({ Id: r.Id, Arn: r.Arn, Name: r.Name })),
    OrganizationalUnits: organizationalUnits,
    Accounts: accounts,
    Policies: policies,
  });
  return out.documents;
}
