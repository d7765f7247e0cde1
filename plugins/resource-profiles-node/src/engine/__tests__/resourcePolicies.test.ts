import { analyze } from '../analyze';
import { mergeInputs } from '../merge';
import { InputParseError } from '../parse/InputParseError';
import { parseAwsResourcePolicies } from '../parse/awsResourcePolicies';
import { parseAwsS3Buckets } from '../parse/awsS3Buckets';
import { parseCloudFormation } from '../parse/cloudformation';
import { parseTerraform } from '../parse/terraform';
import { loadRuleSet } from '../rules/ruleSet';
import { now, terraformState } from './helpers';

const owner = '111111111111';
const other = '222222222222';
const bucketArn = 'arn:aws:s3:::ledger-exports';

type Statement = Record<string, unknown>;
const policy = (...Statement: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const read = { Action: ['s3:GetObject'], Resource: `${bucketArn}/*` };

// An S3 ARN has no account: the tests name the state's account, as `scan --account` does.
const state = terraformState;

const bucket = { arn: bucketArn, bucket: 'ledger-exports', tags: { owner: 'payments' }, policy: '' };
const role = { arn: `arn:aws:iam::${owner}:role/app`, name: 'app', assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) };

/** A role of the owner account, assumed by Lambda, with one inline policy. */
const roleWith = (name: string, policyName: string, statement: Statement) => ({
  arn: `arn:aws:iam::${owner}:role/${name}`,
  name,
  assume_role_policy: role.assume_role_policy,
  inline_policy: [{ name: policyName, policy: policy(statement) }],
});
const keyArn = `arn:aws:kms:eu-west-1:${owner}:key/1234`;

function analyzeBucketPolicy(...statements: Statement[]) {
  const parsed = parseTerraform(state({ 'aws_iam_role.app': role, 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy(...statements) } }), 'main.tfstate', { accountId: owner });
  return analyze(mergeInputs([parsed]), { now });
}

const findingsFor = (...statements: Statement[]) => analyzeBucketPolicy(...statements).findings.filter(f => f.rule.startsWith('resource-policy-'));

const rowsFor = (...statements: Statement[]) =>
  analyzeBucketPolicy(...statements)
    .roleMappings.filter(m => m.path.kind === 'resource-policy')
    .map(m => ({ principal: m.principalArn, level: m.accessLevel, count: m.actionCount, sample: m.sampleActions, conditions: m.conditions, resource: m.resourceArn, via: m.path.via }));

describe('resource-based policies', () => {
  it('reports a bucket policy open to anyone, with the statement and the Terraform address', () => {
    const [finding, ...rest] = findingsFor({ Sid: 'Public', Effect: 'Allow', Principal: '*', ...read });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'resource-policy-open-to-any',
      severity: 'critical',
      conditional: false,
      principal: undefined,
      resources: [bucketArn],
      title: 'Bucket policy of ledger-exports lets any AWS principal s3:GetObject',
      evidence: { policies: [{ policyName: 'bucket policy', holderArn: bucketArn, statementIndex: 0, matchedActions: ['s3:GetObject'], resource: `${bucketArn}/*` }] },
      location: { file: 'main.tfstate', address: 'aws_s3_bucket_policy.ledger' },
    });
  });

  it('keeps an unknown condition as evidence and lowers the severity', () => {
    const vpce = { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } };
    const [finding] = findingsFor({ Effect: 'Allow', Principal: { AWS: '*' }, ...read, Condition: vpce });
    expect(finding).toMatchObject({ rule: 'resource-policy-open-to-any', severity: 'high', conditional: true, evidence: { conditions: [{ StringEquals: { 'aws:SourceVpce': ['vpce-0abc'] } }] } });
  });

  it('drops a statement whose condition can never hold', () => {
    expect(findingsFor({ Effect: 'Allow', Principal: '*', ...read, Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } })).toEqual([]);
  });

  it('lets a Deny to everyone for the same actions and resources take the Allow back', () => {
    expect(findingsFor({ Effect: 'Allow', Principal: '*', ...read }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${bucketArn}/*` })).toEqual([]);
  });

  it('keeps the Allow when the Deny covers other actions, or exempts the principal', () => {
    expect(findingsFor({ Effect: 'Allow', Principal: '*', ...read }, { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' })).toHaveLength(1);
    const exempt = { Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${other}:root` }, Action: '*', Resource: '*' };
    const findings = findingsFor({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, ...read }, exempt);
    expect(findings.map(f => f.rule)).toEqual(['resource-policy-cross-account']);
  });

  it('adds a conditional Deny to the evidence, operator kept', () => {
    const [finding] = findingsFor(
      { Effect: 'Allow', Principal: '*', ...read },
      { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } } },
    );
    expect(finding).toMatchObject({ severity: 'high', conditional: true, evidence: { conditions: [{ Deny: { 'StringNotEquals:aws:PrincipalOrgID': ['o-abc'] } }] } });
  });

  it('reports principals of other accounts once, and not those of the owner account or AWS services', () => {
    const findings = findingsFor(
      { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${other}:root`, `arn:aws:iam::${owner}:role/app`] }, ...read },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::333333333333:role/auditor` }, Action: 's3:ListBucket', Resource: bucketArn },
      { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${bucketArn}/*` },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'resource-policy-cross-account',
      severity: 'medium',
      title: `Bucket policy of ledger-exports lets principals of another account s3:GetObject, s3:ListBucket: arn:aws:iam::${other}:root, arn:aws:iam::333333333333:role/auditor`,
    });
    expect(findings[0].evidence.policies.map(p => p.statementIndex)).toEqual([0, 1]);
  });

  it('reads `*` pinned to accounts by aws:PrincipalAccount or kms:CallerAccount as those accounts', () => {
    expect(findingsFor({ Effect: 'Allow', Principal: { AWS: '*' }, ...read, Condition: { StringEquals: { 'kms:CallerAccount': owner } } })).toEqual([]);
    const [pinned, ...rest] = findingsFor({ Effect: 'Allow', Principal: '*', ...read, Condition: { StringEquals: { 'aws:PrincipalAccount': [owner, other] } } });
    expect(rest).toEqual([]);
    expect(pinned).toMatchObject({ rule: 'resource-policy-cross-account', conditional: false, title: expect.stringMatching(new RegExp(`: ${other}$`)) });
  });

  it('drops another account whose condition names only the owner account', () => {
    expect(findingsFor({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, ...read, Condition: { StringEquals: { 'aws:PrincipalAccount': owner } } })).toEqual([]);
  });

  describe('S3 Block Public Access', () => {
    const analyzeWithBlock = (block: Record<string, Record<string, unknown>>, ...statements: Statement[]) => {
      const resources = { 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy(...statements) }, ...block };
      const result = analyze(mergeInputs([parseTerraform(state(resources), 'main.tfstate', { accountId: owner })]), { now });
      return {
        rules: result.findings.map(f => f.rule).filter(r => r.startsWith('resource-policy-')),
        rows: result.roleMappings.filter(m => m.path.kind === 'resource-policy').map(m => m.principalArn),
      };
    };
    const restrict = { 'aws_s3_bucket_public_access_block.ledger': { bucket: 'ledger-exports', restrict_public_buckets: true } };
    const publicRead = { Effect: 'Allow', Principal: '*', ...read };
    const auditor = { Effect: 'Allow', Principal: { AWS: other }, Action: 's3:ListBucket', Resource: bucketArn };

    it('voids what a public policy gives anyone outside the account, other accounts included', () => {
      expect(analyzeWithBlock(restrict, publicRead, auditor)).toEqual({ rules: [], rows: [] });
      expect(analyzeWithBlock({ 'aws_s3_bucket_public_access_block.ledger': { bucket: 'ledger-exports', restrict_public_buckets: false } }, publicRead).rules).toEqual(['resource-policy-open-to-any']);
    });

    it('leaves a policy S3 does not count as public alone: named accounts, or `*` narrowed by a fixed value', () => {
      expect(analyzeWithBlock(restrict, auditor)).toEqual({ rules: ['resource-policy-cross-account'], rows: [`arn:aws:iam::${other}:root`] });
      const fromEndpoint = { ...publicRead, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } };
      expect(analyzeWithBlock(restrict, fromEndpoint).rules).toEqual(['resource-policy-open-to-any']);
    });

    it('applies the account-wide setting to every bucket of the account', () => {
      const account = { 'aws_s3_account_public_access_block.this': { account_id: owner, restrict_public_buckets: true } };
      expect(analyzeWithBlock(account, publicRead).rules).toEqual([]);
      const elsewhere = { 'aws_s3_account_public_access_block.this': { account_id: '333333333333', restrict_public_buckets: true } };
      expect(analyzeWithBlock(elsewhere, publicRead).rules).toEqual(['resource-policy-open-to-any']);
    });

    it('reads RestrictPublicBuckets from a CloudFormation bucket', () => {
      const template = (restricted: boolean) => `
Resources:
  Exports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: ledger-exports
      PublicAccessBlockConfiguration: { RestrictPublicBuckets: ${restricted} }
  ExportsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Exports
      PolicyDocument: { Statement: [{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "arn:aws:s3:::ledger-exports/*" }] }
`;
      const rules = (restricted: boolean) => analyze(mergeInputs([parseCloudFormation(template(restricted), 'stack.yaml', { accountId: owner })]), { now }).findings.map(f => f.rule);
      expect(rules(true)).not.toContain('resource-policy-open-to-any');
      expect(rules(false)).toContain('resource-policy-open-to-any');
    });
  });

  it('gives a finding the same id in every run, and a rules file can switch the rule off', () => {
    const statement = { Effect: 'Allow', Principal: '*', ...read };
    expect(findingsFor(statement)[0].id).toBe(findingsFor(statement)[0].id);
    const parsed = parseTerraform(state({ 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy(statement) } }), 'main.tfstate');
    const rules = loadRuleSet('disable: [resource-policy-open-to-any]', 'rules.yaml');
    expect(analyze(mergeInputs([parsed]), { now, rules }).findings.map(f => f.rule)).not.toContain('resource-policy-open-to-any');
  });

  it('reads queue, topic and key policies from Terraform, on the resource they belong to', () => {
    const queueArn = `arn:aws:sqs:eu-west-1:${owner}:settlement`;
    const topicArn = `arn:aws:sns:eu-west-1:${owner}:events`;
    const open = (resource: string) => policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: resource });
    const parsed = parseTerraform(
      state({
        'aws_sqs_queue.settlement': { arn: queueArn, name: 'settlement', tags: {}, policy: '' },
        'aws_sqs_queue_policy.settlement': { queue_url: `https://sqs.eu-west-1.amazonaws.com/${owner}/settlement`, policy: open(queueArn) },
        'aws_sns_topic_policy.events': { arn: topicArn, policy: open(topicArn) },
        'aws_kms_key.ledger': { arn: keyArn, tags: {}, policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:root` }, Action: 'kms:*', Resource: '*' }) },
      }),
      'main.tfstate',
    );
    expect(parsed.resourcePolicies!.map(p => [p.resourceArn, p.name])).toEqual([
      [queueArn, 'queue policy'],
      [topicArn, 'topic policy'],
      [keyArn, 'key policy'],
    ]);
    const findings = analyze(mergeInputs([parsed]), { now }).findings.filter(f => f.rule === 'resource-policy-open-to-any');
    expect(findings.map(f => f.resources[0]).sort()).toEqual([topicArn, queueArn].sort());
  });

  it("places a bucket in the account of the state's resources, not the one its policy names most", () => {
    const partners = ['arn:aws:iam::222222222222:role/a', 'arn:aws:iam::222222222222:role/b', 'arn:aws:iam::222222222222:role/c'];
    const parsed = parseTerraform(
      state({
        'aws_iam_role.app': role,
        'aws_s3_bucket.ledger': bucket,
        'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy({ Effect: 'Allow', Principal: { AWS: partners }, ...read }) },
      }),
      'main.tfstate',
    );
    expect(parsed.resources.find(r => r.arn === bucketArn)?.accountId).toBe(owner);
    const [finding] = analyze(mergeInputs([parsed]), { now }).findings.filter(f => f.rule.startsWith('resource-policy-'));
    expect(finding).toMatchObject({ rule: 'resource-policy-cross-account', title: expect.stringContaining(partners.join(', ')) });
  });

  it('names the file and JSON path of a malformed policy', () => {
    const text = state({ 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: '{"Statement": [{"Effect": "Allow"}]}' } });
    expect(() => parseTerraform(text, 'main.tfstate')).toThrow(InputParseError);
    expect(() => parseTerraform(text, 'main.tfstate')).toThrow(/main\.tfstate.*\$\.resources\[0\]\.instances\[0\]\.attributes\.policy/);
  });

  it('lets a later input replace a policy, but not with a planned one', () => {
    const open = { bucket: 'ledger-exports', policy: policy({ Effect: 'Allow', Principal: '*', ...read }) };
    const closed = { bucket: 'ledger-exports', policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:root` }, ...read }) };
    const tf = (p: Record<string, unknown>) => parseTerraform(state({ 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': p }), 'main.tfstate', { accountId: owner });
    const rulesOf = (inputs: ReturnType<typeof tf>[]) => analyze(mergeInputs(inputs), { now }).findings.map(f => f.rule).filter(r => r.startsWith('resource-policy-'));
    expect(rulesOf([tf(open), tf(closed)])).toEqual([]);
    expect(rulesOf([tf(closed), tf(open)])).toEqual(['resource-policy-open-to-any']);
    const planned = tf(open);
    planned.resourcePolicies!.forEach(p => (p.planned = true));
    expect(rulesOf([tf(closed), planned])).toEqual([]);
  });

  it('reads bucket, queue and key policies from a CloudFormation template in YAML', () => {
    const template = `
Resources:
  Exports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: ledger-exports
      Tags: [{ Key: owner, Value: payments }]
  ExportsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Exports
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::${other}:root" }
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::\${Exports}/*"
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: kms:Decrypt
            Resource: "*"
  OrphanPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!GetAtt Missing.QueueUrl]
      PolicyDocument: { Statement: [{ Effect: Allow, Principal: "*", Action: "sqs:*", Resource: "*" }] }
`;
    const parsed = parseCloudFormation(template, 'stack.yaml', { accountId: owner });
    expect(parsed.warnings.join('\n')).toMatch(/OrphanPolicy: Queues\[0\] names no resource/);
    const findings = analyze(mergeInputs([parsed]), { now }).findings.filter(f => f.rule.startsWith('resource-policy-'));
    expect(findings.map(f => [f.rule, f.resources[0], f.location?.logicalId])).toEqual([
      ['resource-policy-open-to-any', `arn:aws:kms:*:${owner}:*Key*`, 'Key'],
      ['resource-policy-cross-account', bucketArn, 'ExportsPolicy'],
    ]);
    expect(findings[1].evidence.policies[0].resource).toBe(`${bucketArn}/*`);
  });

  describe('role mappings', () => {
    it('gives anyone and other accounts rows on the resource, by access level, through the bucket policy', () => {
      const rows = rowsFor(
        { Effect: 'Allow', Principal: '*', ...read },
        { Effect: 'Allow', Principal: { AWS: other }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucketArn, `${bucketArn}/*`] },
      );
      expect(rows).toEqual([
        { principal: '*', level: 'Read', count: 1, sample: ['s3:GetObject'], conditions: undefined, resource: bucketArn, via: ['bucket policy'] },
        { principal: `arn:aws:iam::${other}:root`, level: 'List', count: 1, sample: ['s3:ListBucket'], conditions: undefined, resource: bucketArn, via: ['bucket policy'] },
        { principal: `arn:aws:iam::${other}:root`, level: 'Read', count: 1, sample: ['s3:GetObject'], conditions: undefined, resource: bucketArn, via: ['bucket policy'] },
      ]);
    });

    it('expands wildcards to the bucket kind, and leaves out what an unconditional Deny takes away', () => {
      const rows = rowsFor(
        { Effect: 'Allow', Principal: { AWS: other }, Action: 's3:Get*', Resource: [bucketArn, `${bucketArn}/*`] },
        { Effect: 'Deny', Principal: '*', Action: 's3:GetObject*', Resource: '*' },
      );
      expect(rows.map(r => r.level)).toEqual(['Read']);
      expect(rows[0].count).toBeGreaterThan(10);
      expect(rows[0].sample.some(a => a.startsWith('s3:GetObject'))).toBe(false);
    });

    it('gives one row per principal and access level, however many statements name it', () => {
      const rows = rowsFor(
        { Effect: 'Allow', Principal: { AWS: other }, Action: 's3:GetObject', Resource: `${bucketArn}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${bucketArn}/*` },
      );
      expect(rows).toEqual([
        { principal: `arn:aws:iam::${other}:root`, level: 'Read', count: 2, sample: ['s3:GetObject', 's3:GetObjectVersion'], conditions: undefined, resource: bucketArn, via: ['bucket policy'] },
      ]);
    });

    it('carries the conditions of the Allow and of Denies that may take it back', () => {
      const [row] = rowsFor(
        { Effect: 'Allow', Principal: { AWS: other }, ...read, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      );
      expect(row.conditions).toEqual([{ StringEquals: { 'aws:SourceVpce': ['vpce-0abc'] } }, { Deny: { 'Bool:aws:SecureTransport': ['false'] } }]);
    });

    it('gives a principal of another account that an input describes only what its own policies allow as well', () => {
      const readerArn = `arn:aws:iam::${other}:role/reader`;
      const rowsWith = (...statements: Statement[]) => {
        const reader = { arn: readerArn, name: 'reader', assume_role_policy: role.assume_role_policy, inline_policy: statements.length ? [{ name: 'own', policy: policy(...statements) }] : [] };
        const otherAccount = parseTerraform(state({ 'aws_iam_role.reader': reader }), 'other.tfstate', { accountId: other });
        const owned = parseTerraform(
          state({ 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy({ Effect: 'Allow', Principal: { AWS: readerArn }, Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'], Resource: [bucketArn, `${bucketArn}/*`] }) } }),
          'main.tfstate',
          { accountId: owner },
        );
        return analyze(mergeInputs([owned, otherAccount]), { now })
          .roleMappings.filter(m => m.path.kind === 'resource-policy')
          .map(m => [m.accessLevel, m.actionCount, m.sampleActions, m.conditions]);
      };
      // Its own policies allow nothing on the bucket: the bucket policy alone lets it do nothing.
      expect(rowsWith()).toEqual([]);
      expect(rowsWith({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/*` })).toEqual([['Read', 1, ['s3:GetObject'], undefined]]);
      // `*` in its own policy reaches the other account's bucket too; its condition stays with the row.
      const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
      expect(rowsWith({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: mfa })).toEqual([
        ['List', 1, ['s3:ListBucket'], [{ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }]],
        ['Read', 2, ['s3:GetObject', 's3:GetObjectVersion'], [{ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }]],
      ]);
    });

    it('gives a principal of the own account the same row, and none to one a Deny takes back', () => {
      expect(rowsFor({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:role/app` }, ...read })).toEqual([
        { principal: `arn:aws:iam::${owner}:role/app`, level: 'Read', count: 1, sample: ['s3:GetObject'], conditions: undefined, resource: bucketArn, via: ['bucket policy'] },
      ]);
      expect(rowsFor({ Effect: 'Allow', Principal: '*', ...read }, { Effect: 'Deny', Principal: '*', ...read })).toEqual([]);
    });
  });

  describe('grants to principals of the resource\'s own account', () => {
    const custodian = roleWith('custodian', 'administer', { Effect: 'Allow', Action: ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'], Resource: keyArn });
    const analyzeKey = (...statements: Statement[]) =>
      analyze(
        mergeInputs([
          parseTerraform(
            state({ 'aws_iam_role.app': role, 'aws_iam_role.custodian': custodian, 'aws_kms_key.ledger': { arn: keyArn, tags: { owner: 'payments' }, policy: policy(...statements) } }),
            'main.tfstate',
            { accountId: owner },
          ),
        ]),
        { now },
      );
    const use = { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' };

    it('maps a role the key policy names to the key, with nothing in its own policies', () => {
      const result = analyzeKey({ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:root` }, Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Principal: { AWS: role.arn }, ...use });
      const rows = result.roleMappings.filter(m => m.resourceArn === keyArn && m.principalArn === role.arn);
      expect(rows.map(m => [m.accessLevel, m.actionCount, m.path])).toEqual([['Write', 2, { kind: 'resource-policy', via: ['key policy'] }]]);
      expect(result.findings.filter(f => f.rule.startsWith('resource-policy-'))).toEqual([]);
    });

    it('counts what the key policy grants towards separation of duties', () => {
      const result = analyzeKey({ Effect: 'Allow', Principal: { AWS: custodian.arn }, ...use });
      const conflict = result.findings.find(f => f.rule === 'sod-conflict' && f.principal?.name === 'custodian');
      expect(conflict).toMatchObject({ method: 'key-administration-vs-key-use', resources: [keyArn] });
      expect(conflict!.evidence.policies.map(p => p.policyName).sort()).toEqual(['administer', 'key policy of ledger']);
    });

    it("applies the policy's Denies that name the principal or everyone", () => {
      const tls = { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
      const [row] = analyzeKey({ Effect: 'Allow', Principal: { AWS: role.arn }, ...use }, tls).roleMappings.filter(m => m.resourceArn === keyArn && m.principalArn === role.arn);
      expect(row).toMatchObject({ principalArn: role.arn, conditional: true, conditions: [{ Deny: { 'Bool:aws:SecureTransport': ['false'] } }] });
      const denyDecrypt = { Effect: 'Deny', Principal: { AWS: role.arn }, Action: 'kms:Decrypt', Resource: '*' };
      const [left] = analyzeKey({ Effect: 'Allow', Principal: { AWS: role.arn }, ...use }, denyDecrypt).roleMappings.filter(m => m.resourceArn === keyArn && m.principalArn === role.arn);
      expect(left).toMatchObject({ actionCount: 1, sampleActions: ['kms:GenerateDataKey'] });
    });
  });

  describe('a permissions boundary and what a resource policy grants', () => {
    const boundaryArn = `arn:aws:iam::${owner}:policy/only-list-buckets`;
    const boundary = { arn: boundaryArn, name: 'only-list-buckets', policy: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) };
    const keyRows = (principal: Record<string, unknown>, type: 'aws_iam_user' | 'aws_iam_role') => {
      const arn = principal.arn as string;
      const parsed = parseTerraform(
        state({ [`${type}.who`]: { ...principal, permissions_boundary: boundaryArn }, 'aws_iam_policy.boundary': boundary, 'aws_kms_key.ledger': { arn: keyArn, tags: { owner: 'payments' }, policy: policy({ Effect: 'Allow', Principal: { AWS: arn }, Action: 'kms:Decrypt', Resource: '*' }) } }),
        'main.tfstate',
        { accountId: owner },
      );
      return analyze(mergeInputs([parsed]), { now }).roleMappings.filter(m => m.resourceArn === keyArn && m.principalArn === arn).map(m => [m.accessLevel, m.sampleActions]);
    };

    it("does not limit a grant to a user's ARN, as IAM evaluates it", () => {
      expect(keyRows({ arn: `arn:aws:iam::${owner}:user/ops`, name: 'ops' }, 'aws_iam_user')).toEqual([['Write', ['kms:Decrypt']]]);
    });

    it("limits a grant to a role's ARN", () => {
      expect(keyRows(role, 'aws_iam_role')).toEqual([]);
    });
  });

  describe("a resource policy's Denies on what identity policies allow", () => {
    const reader = (name: string) => roleWith(name, 'read-ledger', { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucketArn, `${bucketArn}/*`] });
    const rowsOn = (...statements: Statement[]) => {
      const parsed = parseTerraform(
        state({ 'aws_iam_role.etl': reader('etl'), 'aws_iam_role.analyst': reader('analyst'), 'aws_s3_bucket.ledger': bucket, 'aws_s3_bucket_policy.ledger': { bucket: 'ledger-exports', policy: policy(...statements) } }),
        'main.tfstate',
        { accountId: owner },
      );
      return analyze(mergeInputs([parsed]), { now })
        .roleMappings.filter(m => m.resourceArn === bucketArn && m.path.kind === 'direct')
        .map(m => ({ principal: m.principalArn.split('/')[1], level: m.accessLevel, conditions: m.conditions }));
    };
    const etlArn = `arn:aws:iam::${owner}:role/etl`;

    it('without a policy, both roles read the bucket through their own policies', () => {
      expect(rowsOn({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${bucketArn}/*` })).toEqual([
        { principal: 'etl', level: 'List', conditions: undefined },
        { principal: 'etl', level: 'Read', conditions: undefined },
        { principal: 'analyst', level: 'List', conditions: undefined },
        { principal: 'analyst', level: 'Read', conditions: undefined },
      ]);
    });

    it('takes the bucket away from every principal but the one a Deny on aws:PrincipalArn exempts', () => {
      const lockedToEtl = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { StringNotEquals: { 'aws:PrincipalArn': etlArn } } };
      expect(rowsOn(lockedToEtl).map(r => [r.principal, r.level])).toEqual([
        ['etl', 'List'],
        ['etl', 'Read'],
      ]);
    });

    it('exempts the principals NotPrincipal names, and no others', () => {
      const exceptEtl = { Effect: 'Deny', NotPrincipal: { AWS: etlArn }, Action: 's3:GetObject', Resource: `${bucketArn}/*` };
      expect(rowsOn(exceptEtl).map(r => [r.principal, r.level])).toEqual([
        ['etl', 'List'],
        ['etl', 'Read'],
        ['analyst', 'List'],
      ]);
    });

    it('applies a Deny naming the account to its principals, and one naming another account to none of them', () => {
      const denyAccount = (account: string) => ({ Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 's3:ListBucket', Resource: bucketArn });
      expect(rowsOn(denyAccount(owner)).map(r => r.level)).toEqual(['Read', 'Read']);
      expect(rowsOn(denyAccount(other)).map(r => r.level)).toEqual(['List', 'Read', 'List', 'Read']);
    });

    it('keeps the rows a conditional Deny may take back, with its condition', () => {
      const tlsOnly = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
      const rows = rowsOn(tlsOnly);
      expect(rows).toHaveLength(4);
      for (const row of rows) expect(row.conditions).toEqual([{ Deny: { 'Bool:aws:SecureTransport': ['false'] } }]);
    });

    it('takes a duty away: a key policy that keeps key use from everyone but the app ends the custodian\'s conflict', () => {
      const custodian = roleWith('custodian', 'administer-and-use', { Effect: 'Allow', Action: ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn });
      const conflictsWith = (...statements: Statement[]) =>
        analyze(mergeInputs([parseTerraform(state({ 'aws_iam_role.custodian': custodian, 'aws_kms_key.ledger': { arn: keyArn, tags: { owner: 'payments' }, policy: policy(...statements) } }), 'main.tfstate', { accountId: owner })]), { now })
          .findings.filter(f => f.rule === 'sod-conflict' && f.principal?.name === 'custodian')
          .map(f => f.method);
      const root = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:root` }, Action: 'kms:*', Resource: '*' };
      expect(conflictsWith(root)).toEqual(['key-administration-vs-key-use']);
      const useOnlyByApp = { Effect: 'Deny', Principal: '*', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': role.arn } } };
      expect(conflictsWith(root, useOnlyByApp)).toEqual([]);
    });
  });

  describe('an S3 bucket export', () => {
    const exported = (extra: Record<string, unknown> = {}) => ({
      AccountId: owner,
      Buckets: [
        { Name: 'ledger-exports', Region: 'eu-west-1', Tags: [{ Key: 'owner', Value: 'payments' }], Policy: policy({ Effect: 'Allow', Principal: '*', ...read }) },
        { Name: 'ledger-archive', Policy: { Statement: [{ Effect: 'Allow', Principal: { AWS: other }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::ledger-archive' }] }, PublicAccessBlock: { RestrictPublicBuckets: true } },
        { Name: 'ledger-scratch' },
      ],
      ...extra,
    });
    const scan = (data: unknown) => analyze(mergeInputs([parseAwsS3Buckets(JSON.stringify(data), 's3.json')]), { now });

    it('gives its buckets as resources of the account, with their policies and settings', () => {
      const parsed = parseAwsS3Buckets(JSON.stringify(exported()), 's3.json');
      expect(parsed.resources.map(r => [r.arn, r.accountId, r.region, r.tags, r.source.address])).toEqual([
        [bucketArn, owner, 'eu-west-1', { owner: 'payments' }, '$.Buckets[0]'],
        ['arn:aws:s3:::ledger-archive', owner, undefined, {}, '$.Buckets[1]'],
        ['arn:aws:s3:::ledger-scratch', owner, undefined, {}, '$.Buckets[2]'],
      ]);
      const findings = scan(exported()).findings.filter(f => f.rule.startsWith('resource-policy-'));
      expect(findings.map(f => [f.rule, f.resources[0], f.location?.address])).toEqual([
        ['resource-policy-open-to-any', bucketArn, '$.Buckets[0].Policy'],
        ['resource-policy-cross-account', 'arn:aws:s3:::ledger-archive', '$.Buckets[1].Policy'],
      ]);
    });

    it('applies the account-wide Block Public Access to every bucket', () => {
      const rules = scan(exported({ PublicAccessBlock: { RestrictPublicBuckets: true } })).findings.map(f => f.rule);
      expect(rules).not.toContain('resource-policy-open-to-any');
      expect(rules).toContain('resource-policy-cross-account');
    });

    it('names the file and JSON path of what is wrong', () => {
      const broken = exported();
      (broken.Buckets[1] as Record<string, unknown>).Policy = { Statement: [{ Effect: 'Allow', Principal: '*' }] };
      expect(() => parseAwsS3Buckets(JSON.stringify(broken), 's3.json')).toThrow(/s3\.json.*\$\.Buckets\[1\]\.Policy/);
      expect(() => parseAwsS3Buckets(JSON.stringify({ AccountId: '42', Buckets: [] }), 's3.json')).toThrow(/\$\.AccountId: expected a 12-digit account id/);
      expect(() => parseAwsS3Buckets(JSON.stringify({ Users: [] }), 's3.json')).toThrow(/not an S3 bucket export/);
    });
  });

  describe('a resource policy export', () => {
    const region = 'eu-west-1';
    const arnOf = (service: string, resource: string) => `arn:aws:${service}:${region}:${owner}:${resource}`;
    const topicArn = arnOf('sns', 'settlement-events');
    // What SNS writes into every new topic's policy: any principal, but only for the owner account's resources.
    const defaultTopicPolicy = {
      Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: topicArn, Condition: { StringEquals: { 'AWS:SourceOwner': owner } } }],
    };
    const exported = (): { AccountId: string; Region: string; Resources: Record<string, unknown>[] } => ({
      AccountId: owner,
      Region: region,
      Resources: [
        { Arn: keyArn.replace('eu-west-1', region), Name: 'alias/ledger', Tags: [{ Key: 'owner', Value: 'payments' }], Policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, Action: 'kms:Decrypt', Resource: '*' }) },
        { Arn: arnOf('sqs', 'settlement'), Policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arnOf('sqs', 'settlement') }] } },
        { Arn: topicArn, Policy: defaultTopicPolicy },
        { Arn: arnOf('secretsmanager', 'secret:ledger-db-AbC123'), Name: 'ledger-db' },
        { Arn: arnOf('lambda', 'function:reconcile') },
      ],
    });
    const parse = (data: unknown) => parseAwsResourcePolicies(JSON.stringify(data), 'policies.json');

    it('gives its resources with their kinds, names and tags, and reports what their policies let in', () => {
      const parsed = parse(exported());
      expect(parsed.resources.map(r => [r.type, r.name, r.accountId, r.region, r.tags])).toEqual([
        ['kms-key', 'alias/ledger', owner, region, { owner: 'payments' }],
        ['sqs-queue', 'settlement', owner, region, {}],
        ['sns-topic', 'settlement-events', owner, region, {}],
        ['secretsmanager-secret', 'ledger-db', owner, region, {}],
        ['lambda-function', 'reconcile', owner, region, {}],
      ]);
      expect(parsed.resourcePolicies?.map(p => [p.name, p.source.address])).toEqual([
        ['key policy', '$.Resources[0].Policy'],
        ['queue policy', '$.Resources[1].Policy'],
        ['topic policy', '$.Resources[2].Policy'],
      ]);
      const findings = analyze(mergeInputs([parsed]), { now }).findings.filter(f => f.rule.startsWith('resource-policy-'));
      // The topic's default policy lets only the owner account's resources in: no exposure.
      expect(findings.map(f => [f.rule, f.resources[0]])).toEqual([
        ['resource-policy-open-to-any', arnOf('sqs', 'settlement')],
        ['resource-policy-cross-account', keyArn],
      ]);
    });

    it('reads `*` pinned by aws:SourceAccount or aws:SourceOwner to other accounts as those accounts', () => {
      const data = exported();
      data.Resources[2].Policy = { Statement: [{ ...defaultTopicPolicy.Statement[0], Condition: { StringEquals: { 'aws:SourceAccount': other } } }] };
      const findings = analyze(mergeInputs([parse(data)]), { now }).findings.filter(f => f.resources[0] === topicArn && f.rule.startsWith('resource-policy-'));
      expect(findings.map(f => [f.rule, f.principal?.arn ?? f.title])).toEqual([['resource-policy-cross-account', expect.stringContaining(other)]]);
    });

    it('names the file and JSON path of what is wrong', () => {
      const data = exported();
      data.Resources[1].Arn = 'arn:aws:dynamodb:eu-west-1:111111111111:table/ledger';
      expect(() => parse(data)).toThrow(/policies\.json.*\$\.Resources\[1\]\.Arn: expected the ARN of a kms, sqs, sns, secretsmanager, lambda resource/);
      const elsewhere = exported();
      elsewhere.Resources[4].Arn = `arn:aws:lambda:${region}:${other}:function:reconcile`;
      expect(() => parse(elsewhere)).toThrow(/\$\.Resources\[4\]\.Arn: the resource belongs to account 222222222222, not to the export's 111111111111/);
      const broken = exported();
      broken.Resources[0].Policy = '{"Statement": [{"Effect": "Allow"';
      expect(() => parse(broken)).toThrow(/\$\.Resources\[0\]\.Policy/);
      expect(() => parse({ Buckets: [] })).toThrow(/not a resource policy export/);
    });
  });

  describe('Lambda permissions and secret policies', () => {
    const functionArn = `arn:aws:lambda:eu-west-1:${owner}:function:reconcile`;
    const secretArn = `arn:aws:secretsmanager:eu-west-1:${owner}:secret:ledger-db-AbCdEf`;
    const lambda = { arn: functionArn, function_name: 'reconcile', tags: { owner: 'payments' } };
    const scanState = (resources: Record<string, Record<string, unknown>>) => {
      const parsed = parseTerraform(state(resources), 'main.tfstate', { accountId: owner });
      return { parsed, result: analyze(mergeInputs([parsed]), { now }) };
    };

    it("gathers a function's permissions into its policy: a service with a source ARN is no exposure, `*` is", () => {
      const { parsed, result } = scanState({
        'aws_lambda_function.reconcile': lambda,
        'aws_lambda_permission.nightly': { function_name: 'reconcile', statement_id: 'Nightly', action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', source_arn: `arn:aws:events:eu-west-1:${owner}:rule/nightly` },
        'aws_lambda_permission.anyone': { function_name: functionArn, statement_id: 'Anyone', action: 'lambda:InvokeFunction', principal: '*' },
      });
      expect(parsed.resourcePolicies!.map(p => [p.resourceArn, p.name, p.document.statements.map(st => st.sid)])).toEqual([[functionArn, 'function policy', ['Nightly', 'Anyone']]]);
      const findings = result.findings.filter(f => f.rule.startsWith('resource-policy-'));
      expect(findings.map(f => [f.rule, f.severity, f.resources[0], f.evidence.policies.map(e => e.statementIndex)])).toEqual([['resource-policy-open-to-any', 'critical', functionArn, [1]]]);
      const rows = result.roleMappings.filter(m => m.path.kind === 'resource-policy');
      expect(rows.map(m => [m.principalArn, m.accessLevel, m.sampleActions])).toEqual([['*', 'Write', ['lambda:InvokeFunction']]]);
    });

    it('finds a public permission a plan adds to a function it creates, whose ARN is not known yet', () => {
      const plan = JSON.stringify({
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              { address: 'aws_lambda_function.export', mode: 'managed', type: 'aws_lambda_function', name: 'export', values: { function_name: 'export', tags: { owner: 'payments' } } },
              { address: 'aws_lambda_permission.url', mode: 'managed', type: 'aws_lambda_permission', name: 'url', values: { function_name: 'export', action: 'lambda:InvokeFunctionUrl', principal: '*', function_url_auth_type: 'NONE' } },
            ],
          },
        },
        resource_changes: [
          { address: 'aws_lambda_function.export', change: { actions: ['create'], after_unknown: { arn: true } } },
          { address: 'aws_lambda_permission.url', change: { actions: ['create'], after_unknown: {} } },
        ],
      });
      const parsed = parseTerraform(plan, 'plan.json', { accountId: owner });
      const [fn] = parsed.resources;
      const [finding] = analyze(mergeInputs([parsed]), { now }).findings.filter(f => f.rule.startsWith('resource-policy-'));
      expect(finding).toMatchObject({ rule: 'resource-policy-open-to-any', resources: [fn.arn], conditional: true, evidence: { conditions: [{ StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } }] } });
    });

    it('says which permission it cannot place, and names a missing field', () => {
      const { parsed } = scanState({ 'aws_lambda_permission.elsewhere': { function_name: 'other', action: 'lambda:InvokeFunction', principal: '*' } });
      expect(parsed.warnings).toEqual(['aws_lambda_permission.elsewhere: function other is not in this input; the permission is not evaluated']);
      expect(() => scanState({ 'aws_lambda_function.reconcile': lambda, 'aws_lambda_permission.broken': { function_name: 'reconcile', action: 'lambda:InvokeFunction' } })).toThrow(
        /main\.tfstate.*\$\.resources\[1\]\.instances\[0\]\.attributes\.principal: aws_lambda_permission\.broken has no principal/,
      );
    });

    it("reads a secret's policy: another account is an exposure, a role of the account reads the secret through it", () => {
      const { result } = scanState({
        'aws_iam_role.app': role,
        'aws_secretsmanager_secret.ledger': { arn: secretArn, name: 'ledger-db', tags: { owner: 'payments' } },
        'aws_secretsmanager_secret_policy.ledger': {
          secret_arn: secretArn,
          policy: policy({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${other}:root`, role.arn] }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
        },
      });
      expect(result.findings.filter(f => f.rule.startsWith('resource-policy-')).map(f => [f.rule, f.resources[0]])).toEqual([['resource-policy-cross-account', secretArn]]);
      const rows = result.roleMappings.filter(m => m.resourceArn === secretArn);
      expect(rows.map(m => [m.principalArn, m.accessLevel, m.path.via])).toEqual([
        [role.arn, 'Read', ['secret policy']],
        [`arn:aws:iam::${other}:root`, 'Read', ['secret policy']],
      ]);
    });

    it('reads Lambda permissions and secret policies from CloudFormation', () => {
      const template = `
Resources:
  Reconcile:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: reconcile }
  PartnerInvoke:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !GetAtt Reconcile.Arn, Action: lambda:InvokeFunction, Principal: "${other}" }
  LedgerSecret:
    Type: AWS::SecretsManager::Secret
    Properties: { Name: ledger-db }
  LedgerSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref LedgerSecret
      ResourcePolicy: { Statement: [{ Effect: Allow, Principal: "*", Action: secretsmanager:GetSecretValue, Resource: "*" }] }
`;
      const result = analyze(mergeInputs([parseCloudFormation(template, 'stack.yaml', { accountId: owner })]), { now });
      expect(result.findings.filter(f => f.rule.startsWith('resource-policy-')).map(f => [f.rule, f.location?.logicalId])).toEqual([
        ['resource-policy-open-to-any', 'LedgerSecretPolicy'],
        ['resource-policy-cross-account', 'PartnerInvoke'],
      ]);
    });
  });
});
