import { parseAwsOrganizations } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { fakeOrganizationsClient, FakeOrganization } from '../__testUtils__/fakeOrganizations';
import { readAwsOrganizations } from './readAwsOrganizations';
import { SourceConfig } from './sourceConfig';

const account = { roleArn: 'arn:aws:iam::999999999999:role/org-reader' };

function source(overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    id: 'org',
    kind: 'aws-organizations',
    accounts: [account],
    maxBytes: 1024 * 1024,
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
    ...overrides,
  };
}

const protectIam = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' }],
});
const perimeter = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } }],
});
const fullAccess = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** Every list call spans more than one page somewhere. */
const pages: FakeOrganization['pages'] = {
  // Organizations may return an empty page with a NextToken.
  roots: { '': [[], [{ Id: 'r-ab12', Arn: 'arn:aws:organizations::999999999999:root/o-abc123/r-ab12', Name: 'Root' }]] },
  ous: {
    'r-ab12': [[{ Id: 'ou-ab12-work', Name: 'Workloads' }], [{ Id: 'ou-ab12-secu', Name: 'Security' }]],
    'ou-ab12-work': [[{ Id: 'ou-ab12-prod', Name: 'Production' }]],
  },
  accounts: {
    'r-ab12': [[{ Id: '999999999999', Name: 'management', Email: 'aws@example.com' }]],
    'ou-ab12-prod': [[{ Id: '111111111111', Name: 'prod' }], [{ Id: '222222222222', Name: 'prod-data' }]],
    'ou-ab12-secu': [[{ Id: '333333333333', Name: 'audit' }]],
  },
  policies: {
    SERVICE_CONTROL_POLICY: [
      [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }],
      [{ Id: 'p-protect1', Arn: 'arn:aws:organizations::999999999999:policy/o-abc123/service_control_policy/p-protect1', Name: 'protect-iam', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }],
    ],
    RESOURCE_CONTROL_POLICY: [[{ Id: 'p-perimeter1', Name: 'data-perimeter', Type: 'RESOURCE_CONTROL_POLICY', AwsManaged: false }]],
  },
  targets: {
    'p-FullAWSAccess': [[{ TargetId: 'r-ab12' }, { TargetId: 'ou-ab12-work' }], [{ TargetId: 'ou-ab12-prod' }, { TargetId: 'ou-ab12-secu' }]],
    'p-protect1': [[{ TargetId: 'ou-ab12-work' }], [{ TargetId: '333333333333' }]],
    'p-perimeter1': [[{ TargetId: 'r-ab12' }]],
  },
};

const organization: FakeOrganization = {
  managementAccountId: '999999999999',
  pages,
  contents: { 'p-FullAWSAccess': fullAccess, 'p-protect1': protectIam, 'p-perimeter1': perimeter },
};
const fakeClient = (calls: string[]) => fakeOrganizationsClient(organization, calls);

describe('readAwsOrganizations', () => {
  it('follows every page into one export document that the engine reads', async () => {
    const calls: string[] = [];
    const factoryAccounts: unknown[] = [];
    const documents = await readAwsOrganizations(source(), async a => {
      factoryAccounts.push(a);
      return fakeClient(calls);
    });
    expect(factoryAccounts).toEqual([account]);
    expect(calls).toEqual([
      'roots',
      'roots roots:#1',
      'ous r-ab12',
      'ous r-ab12 ous:r-ab12#1',
      'accounts r-ab12',
      'ous ou-ab12-work',
      'accounts ou-ab12-work',
      'ous ou-ab12-secu',
      'accounts ou-ab12-secu',
      'ous ou-ab12-prod',
      'accounts ou-ab12-prod',
      'accounts ou-ab12-prod accounts:ou-ab12-prod#1',
      'policies SERVICE_CONTROL_POLICY',
      'policies SERVICE_CONTROL_POLICY policies:SERVICE_CONTROL_POLICY#1',
      'policies RESOURCE_CONTROL_POLICY',
      'targets p-FullAWSAccess',
      'targets p-FullAWSAccess targets:p-FullAWSAccess#1',
      'targets p-protect1',
      'targets p-protect1 targets:p-protect1#1',
      'targets p-perimeter1',
    ]);
    expect(documents.map(d => d.name)).toEqual(['aws-organizations:arn:aws:iam::999999999999:role/org-reader']);
    expect(documents[0].text).not.toContain('aws@example.com');

    const input = parseAwsOrganizations(documents[0].text, documents[0].name);
    expect(input.warnings).toEqual([]);
    expect(input.serviceControlPolicies?.map(p => [p.id, p.name, p.targetIds])).toEqual([
      ['p-FullAWSAccess', 'FullAWSAccess', ['r-ab12', 'ou-ab12-work', 'ou-ab12-prod', 'ou-ab12-secu']],
      ['p-protect1', 'protect-iam', ['ou-ab12-work', '333333333333']],
    ]);
    expect(input.resourceControlPolicies?.map(p => [p.id, p.name, p.targetIds])).toEqual([['p-perimeter1', 'data-perimeter', ['r-ab12']]]);
    expect(input.organization?.id).toBe('o-abc123');
    expect(input.serviceControlPolicies?.[1].document.statements[0]).toMatchObject({
      effect: 'Deny',
      action: ['iam:CreateUser', 'iam:CreateAccessKey'],
    });
    expect(input.organization).toMatchObject({
      rootIds: ['r-ab12'],
      managementAccountId: '999999999999',
      parents: {
        'ou-ab12-work': 'r-ab12',
        'ou-ab12-secu': 'r-ab12',
        'ou-ab12-prod': 'ou-ab12-work',
        '999999999999': 'r-ab12',
        '111111111111': 'ou-ab12-prod',
        '222222222222': 'ou-ab12-prod',
        '333333333333': 'ou-ab12-secu',
      },
    });
    expect([...input.organization!.memberAccountIds!].sort()).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
      '999999999999',
    ]);
  });

  it("refuses an organization over the source's limit", async () => {
    await expect(readAwsOrganizations(source({ maxBytes: 500 }), async () => fakeClient([]))).rejects.toThrow(
      "aws-organizations:arn:aws:iam::999999999999:role/org-reader returned more than the source's limit of 500 bytes",
    );
  });
});
