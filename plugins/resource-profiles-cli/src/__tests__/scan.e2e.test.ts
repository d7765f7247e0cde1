import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Registers toBeValidSarifLog(): validation against the official SARIF 2.1.0 schema (rtm.5) that the package ships.
import '@microsoft/jest-sarif';

const cliDir = join(__dirname, '..', '..');
const fixtures = join(cliDir, '..', 'resource-profiles-node', 'fixtures');
const account = join(fixtures, 'account', 'authorization-details.json');
const now = ['--now', '2026-06-01T00:00:00Z'];

function scan(...args: string[]) {
  const r = spawnSync(process.execPath, [join(cliDir, 'bin', 'resource-profiles-scan'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('resource-profiles-scan', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rp-scan-'));

  it('prints findings, principals and a role-mapping summary as JSON, exit 1 at the default gate', () => {
    const r = scan('--aws-authz', account, '--format', 'json', ...now);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.principals.length).toBeGreaterThan(10);
    expect(out.roleMappings.total).toBeGreaterThan(0);
    const heidi = out.findings.find((f: any) => f.method === 'UpdateAndInvokeLambdaFunction' && f.principal.name === 'heidi');
    expect(heidi.evidence.chain.map((a: string) => a.split('/').pop())).toEqual(['heidi', 'ci-runner', 'deployer']);
    expect(heidi).toEqual(expect.objectContaining({ id: expect.stringMatching(/^rp-/), rule: 'privilege-escalation', severity: 'high', remediation: expect.any(String) }));
    // grace's only grant has a condition that can never hold.
    expect(out.findings.filter((f: any) => f.principal?.name === 'grace').map((f: any) => f.rule)).toEqual(['policy-attached-to-user']);
  });

  it('writes SARIF 2.1.0 that validates, with locations into the inputs', () => {
    const r = scan('--aws-authz', account, '--cloudformation', join(fixtures, 'cloudformation', 'payments-stack.yaml'), '--format', 'sarif', '--account-id', '111111111111', ...now);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif).toBeValidSarifLog();
    // The validator can fail: 'fatal' is not one of SARIF's result levels.
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    expect(broken).not.toBeValidSarifLog();
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(5);
    const cfn = results.find((x: any) => x.locations?.[0].physicalLocation.artifactLocation.uri.endsWith('payments-stack.yaml') && x.ruleId.startsWith('privilege-escalation'));
    expect(cfn.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    for (const x of results) expect(sarif.runs[0].tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
  });

  it('exits 0 when nothing is at or above --fail-on', () => {
    const r = scan('--cloudformation', join(fixtures, 'cloudformation', 'build-stack.json'), '--fail-on', 'critical', '--format', 'json', ...now);
    expect(r.code).toBe(0);
  });

  it('fails only on new findings with --baseline', () => {
    const first = scan('--aws-authz', account, '--format', 'json', ...now);
    const baseline = join(tmp, 'baseline.json');
    writeFileSync(baseline, first.stdout);
    expect(scan('--aws-authz', account, '--baseline', baseline, ...now).code).toBe(0);
    const out = JSON.parse(scan('--aws-authz', account, '--terraform', join(fixtures, 'terraform', 'plan.json'), '--baseline', baseline, '--format', 'json', ...now).stdout);
    expect(out.summary.failing).toBeGreaterThan(0);
    expect(out.findings.filter((f: any) => f.isNew).map((f: any) => f.principal?.name ?? f.resources[0])).toContain('reporting');
    expect(scan('--aws-authz', account, '--terraform', join(fixtures, 'terraform', 'plan.json'), '--baseline', baseline, ...now).code).toBe(1);
  });

  it('applies the service control policies of an AWS Organizations export or of Terraform', () => {
    const semantics = join(fixtures, 'semantics');
    const workloads = join(semantics, 'scp-workloads-account.json');
    const methodsOf = (...args: string[]) => {
      const r = scan('--aws-authz', workloads, ...args, '--format', 'json', ...now);
      expect(r.code).toBe(1);
      return JSON.parse(r.stdout).findings.filter((f: any) => f.principal?.name === 'alice' && f.rule === 'privilege-escalation').map((f: any) => `${f.method}${f.conditional ? '?' : ''}`).sort();
    };
    expect(methodsOf()).toEqual(['CreateAccessKey', 'CreateEC2WithExistingIP', 'PassExistingRoleToNewLambdaThenInvoke']);
    expect(methodsOf('--aws-organizations', join(semantics, 'organization-export.json'))).toEqual(['PassExistingRoleToNewLambdaThenInvoke?']);
    expect(methodsOf('--terraform', join(semantics, 'organization-scps.tfstate'))).toEqual(['PassExistingRoleToNewLambdaThenInvoke?']);
    // The OU's, the root's and the account's own SCP limit alice; FullAWSAccess limits nothing.
    const json = JSON.parse(scan('--aws-authz', workloads, '--aws-organizations', join(semantics, 'organization-export.json'), '--format', 'json', ...now).stdout);
    expect(json.summary.serviceControlPolicies).toBe(3);
    expect(scan('--aws-authz', workloads, '--aws-organizations', join(semantics, 'organization-export.json'), ...now).stdout).toContain('; 3 service control policies applied.');

    const bad = join(tmp, 'organization.json');
    writeFileSync(bad, JSON.stringify({ Accounts: [{ Id: 'prod' }] }));
    const r = scan('--aws-authz', workloads, '--aws-organizations', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: malformed input at $.Accounts[0].Id: expected a 12-digit account id`);
  });

  it("reads an account's S3 bucket export: bucket policies, Block Public Access and owners", () => {
    const buckets = join(cliDir, '..', '..', 'examples', 's3', '314159265358-s3-buckets.json');
    const r = scan('--aws-s3', buckets, '--format', 'json', ...now);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // The vendor role reads curated exports; the mobile bucket's public policy is void under Block Public Access.
    expect(out.findings.map((f: any) => [f.rule, f.resources[0]])).toEqual([['resource-policy-cross-account', 'arn:aws:s3:::northwind-prod-data-lake-curated']]);
    expect(out.roleMappings.byPathKind).toEqual({ 'resource-policy': 2 });

    const bad = join(tmp, 's3.json');
    writeFileSync(bad, JSON.stringify({ AccountId: '314159265358', Buckets: [{ Name: 'Not_A_Bucket' }] }));
    const broken = scan('--aws-s3', bad);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${bad}: malformed input at $.Buckets[0].Name: expected an S3 bucket name`);
  });

  it("reads an account's resource policy export: key, queue, secret and function policies", () => {
    const policies = join(cliDir, '..', '..', 'examples', 'resource-policies', '314159265358-resource-policies.json');
    const r = scan('--aws-resource-policies', policies, '--format', 'json', ...now);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Staging writes to the prod queue and the data vendor decrypts through S3; services with a source condition are no exposure.
    expect(out.findings.map((f: any) => [f.rule, f.resources[0]])).toEqual([
      ['resource-policy-cross-account', 'arn:aws:sqs:us-east-1:314159265358:checkout-order-events-prod'],
      ['resource-policy-cross-account', 'arn:aws:kms:us-east-1:314159265358:key/88374447-0616-415d-a09f-3221537c031d'],
    ]);

    const bad = join(tmp, 'policies.json');
    writeFileSync(bad, JSON.stringify({ AccountId: '314159265358', Resources: [{ Arn: 'arn:aws:s3:::a-bucket' }] }));
    const broken = scan('--aws-resource-policies', bad);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${bad}: malformed input at $.Resources[0].Arn: expected the ARN of a kms, sqs, sns, secretsmanager, lambda resource`);
  });

  it('exits 2 with the file and JSON path on malformed input', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ RoleDetailList: [{ RoleName: 'x', Arn: 'arn:aws:iam::1:role/x', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Permit', Action: '*' }] } }] }));
    const r = scan('--aws-authz', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('$.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Effect');
  });

  it('exits 2 on invalid JSON, a missing file, no inputs, or a bad option', () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{\n  "UserDetailList": [\n');
    expect(scan('--aws-authz', broken).stderr).toMatch(/broken\.json: malformed input at line \d+/);
    expect(scan('--aws-authz', broken).code).toBe(2);
    expect(scan('--aws-authz', join(tmp, 'missing.json')).code).toBe(2);
    expect(scan().code).toBe(2);
    expect(scan('--aws-authz', account, '--fail-on', 'urgent').code).toBe(2);
    const badBaseline = join(tmp, 'not-a-baseline.json');
    writeFileSync(badBaseline, '{"results": []}');
    expect(scan('--aws-authz', account, '--baseline', badBaseline).code).toBe(2);
  });
});
