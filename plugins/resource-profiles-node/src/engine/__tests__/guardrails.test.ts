import { accountGuardrails } from '../guardrails';
import { mergeInputs } from '../merge';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import { parseAwsOrganizations } from '../parse/awsOrganizations';
import { parseTerraform } from '../parse/terraform';
import { readFixture } from './helpers';

const workloads = () => parseAwsAuthorizationDetails(readFixture('semantics/scp-workloads-account.json'), 'workloads.json');
const summary = (inputs: Parameters<typeof mergeInputs>[0]) =>
  accountGuardrails(mergeInputs(inputs)).map(a => ({
    account: [a.accountId, a.accountName, a.managementAccount],
    levels: a.levels.map(l => [l.kind, l.targetId, l.name, l.policies.map(p => p.name), l.impliedFullAccess]),
  }));

describe('account guardrails', () => {
  it('lists the SCPs over each account level by level, with the names the export gives', () => {
    const organization = parseAwsOrganizations(readFixture('semantics/organization-export.json'), 'organization.json');
    expect(summary([workloads(), organization])).toEqual([
      { account: ['111111111111', 'workloads-prod', false], levels: [
        ['root', 'r-ex12', 'Root', ['FullAWSAccess', 'region-guard'], false],
        ['organizational-unit', 'ou-ex12-workload', 'Workloads', ['FullAWSAccess', 'protect-iam'], false],
        ['account', '111111111111', 'workloads-prod', ['approved-services'], false],
      ] },
      { account: ['222222222222', 'sandbox', false], levels: [
        ['root', 'r-ex12', 'Root', ['FullAWSAccess', 'region-guard'], false],
        ['account', '222222222222', 'sandbox', ['FullAWSAccess'], false],
      ] },
      // SCPs never apply to the management account.
      { account: ['999999999999', 'management', true], levels: [] },
    ]);
    const [prod] = accountGuardrails(mergeInputs([workloads(), organization]));
    expect(prod.levels[1].policies[1].statements[0]).toMatchObject({ effect: 'Deny', action: expect.arrayContaining(['iam:CreateAccessKey']) });
  });

  it('takes OU and account names from Terraform, and shows only the levels the inputs attach SCPs to', () => {
    const organization = parseTerraform(readFixture('semantics/organization-scps.tfstate'), 'organization.tfstate');
    expect(summary([workloads(), organization])).toEqual([
      { account: ['111111111111', 'workloads-prod', false], levels: [
        ['root', 'r-ex12', undefined, ['region-guard'], true],
        ['organizational-unit', 'ou-ex12-workload', 'Workloads', ['protect-iam'], true],
        ['account', '111111111111', 'workloads-prod', ['approved-services'], false],
      ] },
      // The organization resource lists its accounts without their names.
      { account: ['222222222222', undefined, false], levels: [['root', 'r-ex12', undefined, ['region-guard'], true]] },
      { account: ['999999999999', undefined, true], levels: [] },
    ]);
  });

  it('says nothing about accounts outside any known organization', () => {
    expect(accountGuardrails(mergeInputs([workloads()]))).toEqual([]);
  });
});
