import { analyze } from '../analyze';
import { mergeInputs } from '../merge';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import { parseTerraform } from '../parse/terraform';
import { now, readFixture } from './helpers';

interface Case {
  file: string;
  /** Terraform state merged with the snapshot (the organization's SCPs). */
  terraform?: string;
  expect: 'positive' | 'negative';
  principal: string;
  method: string;
}

const cases: Case[] = JSON.parse(readFixture('semantics/index.json'));

describe('IAM semantics from the reference', () => {
  it.each(cases.map(c => [`${c.file}${c.terraform ? ` + ${c.terraform}` : ''}: ${c.method} for ${c.principal.split(':').pop()}`, c] as const))('%s', (_, c) => {
    const inputs = [parseAwsAuthorizationDetails(readFixture(`semantics/${c.file}`), c.file)];
    if (c.terraform) inputs.push(parseTerraform(readFixture(`semantics/${c.terraform}`), c.terraform));
    const result = analyze(mergeInputs(inputs), { now });
    const hit = result.findings.find(f => f.rule === 'privilege-escalation' && f.method === c.method && f.principal?.arn === c.principal);
    expect(hit !== undefined).toBe(c.expect === 'positive');
  });
});
