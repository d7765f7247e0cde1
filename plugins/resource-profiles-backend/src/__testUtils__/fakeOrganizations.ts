import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
} from '@aws-sdk/client-organizations';
import { OrganizationsClientLike } from '../sources/readAwsOrganizations';

/**
 * An organization as the Organizations API pages it: for each list call (`roots`, `ous`,
 * `accounts`, `policies`, `targets`), the pages per key (parent id, policy type, policy id, or `''`), each
 * page after the first behind a NextToken; and each policy's content by id.
 */
export interface FakeOrganization {
  managementAccountId: string;
  pages: Record<'roots' | 'ous' | 'accounts' | 'policies' | 'targets', Record<string, object[][]>>;
  contents: Record<string, string>;
}

/** A fake Organizations client over `org`, recording each list call's kind, key and NextToken in `calls`. */
export function fakeOrganizationsClient(org: FakeOrganization, calls: string[] = []): OrganizationsClientLike {
  const page = (kind: keyof FakeOrganization['pages'], key: string, token: string | undefined, field: string) => {
    calls.push([kind, key, token].filter(Boolean).join(' '));
    const all = org.pages[kind][key] ?? [[]];
    const index = token ? Number(token.split('#')[1]) : 0;
    const next = index + 1 < all.length ? `${kind}:${key}#${index + 1}` : undefined;
    return { [field]: all[index], NextToken: next, $metadata: {} };
  };
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof DescribeOrganizationCommand) {
      return { Organization: { Id: 'o-abc123', MasterAccountId: org.managementAccountId, FeatureSet: 'ALL' }, $metadata: {} };
    }
    if (command instanceof ListRootsCommand) return page('roots', '', command.input.NextToken, 'Roots');
    if (command instanceof ListOrganizationalUnitsForParentCommand) {
      return page('ous', command.input.ParentId!, command.input.NextToken, 'OrganizationalUnits');
    }
    if (command instanceof ListAccountsForParentCommand) {
      return page('accounts', command.input.ParentId!, command.input.NextToken, 'Accounts');
    }
    if (command instanceof ListPoliciesCommand) return page('policies', command.input.Filter!, command.input.NextToken, 'Policies');
    if (command instanceof DescribePolicyCommand) {
      return { Policy: { Content: org.contents[command.input.PolicyId!] }, $metadata: {} };
    }
    if (command instanceof ListTargetsForPolicyCommand) {
      return page('targets', command.input.PolicyId!, command.input.NextToken, 'Targets');
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  };
  return { send } as OrganizationsClientLike;
}
