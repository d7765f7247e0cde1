import { analyze } from '../analyze';
import { mergeInputs } from '../merge';
import type { ParsedInput } from '../model';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import { parseAwsOrganizations } from '../parse/awsOrganizations';
import { parseTerraform } from '../parse/terraform';
import { now, readFixture } from './helpers';

interface Case {
  file: string;
  /** Merge the organization's SCPs with the snapshot: once from Terraform state, once from an AWS Organizations export. */
  organization?: boolean;
  expect: 'positive' | 'negative';
  principal: string;
  method: string;
}

const organizationInputs: Record<string, () => ParsedInput> = {
  'organization-scps.tfstate': () => parseTerraform(readFixture('semantics/organization-scps.tfstate'), 'organization-scps.tfstate'),
  'organization-export.json': () => parseAwsOrganizations(readFixture('semantics/organization-export.json'), 'organization-export.json'),
};

const runs = JSON.parse(readFixture('semantics/index.json')).flatMap((c: Case) =>
  c.organization ? Object.keys(organizationInputs).map(org => ({ ...c, with: org })) : [{ ...c, with: undefined }],
) as (Case & { with?: string })[];

describe('IAM semantics from the reference', () => {
  it.each(runs.map(c => [`${c.file}${c.with ? ` + ${c.with}` : ''}: ${c.method} for ${c.principal.split(':').pop()}`, c] as const))('%s', (_, c) => {
    const inputs = [parseAwsAuthorizationDetails(readFixture(`semantics/${c.file}`), c.file)];
    if (c.with) inputs.push(organizationInputs[c.with]());
    const result = analyze(mergeInputs(inputs), { now });
    const hit = result.findings.find(f => f.rule === 'privilege-escalation' && f.method === c.method && f.principal?.arn === c.principal);
    expect(hit !== undefined).toBe(c.expect === 'positive');
  });
});
