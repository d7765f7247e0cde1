import { mockServices } from '@backstage/backend-test-utils';
import { parseSourceDocuments } from './parseSourceDocuments';
import { readSourceConfigs, sourceTarget } from './sourceConfig';

const configWith = (sources: object[]) =>
  mockServices.rootConfig({ data: { resourceProfiles: { sources } } });

const template = JSON.stringify({
  Resources: {
    DeployRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'deployer',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
  },
});

describe('source configuration', () => {
  it('places a CloudFormation source in the account it names', () => {
    const [source] = readSourceConfigs(
      configWith([{ id: 'stack', kind: 'cloudformation', path: 'stack.yaml', accountId: '314159265358' }]),
    );
    expect(source.accountId).toBe('314159265358');
    const [input] = parseSourceDocuments(source, [{ name: 'stack.json', text: template }]);
    expect(input.principals.map(p => p.arn)).toEqual(['arn:aws:iam::314159265358:role/deployer']);
    expect(input.warnings).toEqual([]);
  });

  it('says so when a CloudFormation source names no account', () => {
    const [source] = readSourceConfigs(configWith([{ id: 'stack', kind: 'cloudformation', path: 'stack.yaml' }]));
    const [input] = parseSourceDocuments(source, [{ name: 'stack.json', text: template }]);
    expect(input.principals.map(p => p.arn)).toEqual(['arn:aws:iam::000000000000:role/deployer']);
    expect(input.warnings.join('\n')).toMatch(/does not fix an account id/);
  });

  it('refuses an account id that is malformed or on a source kind that carries its own', () => {
    expect(() =>
      readSourceConfigs(configWith([{ id: 'stack', kind: 'cloudformation', path: 'x', accountId: '3141' }])),
    ).toThrow('Invalid resourceProfiles.sources[0].accountId: a 12-digit AWS account id');
    expect(() =>
      readSourceConfigs(configWith([{ id: 'tf', kind: 'terraform', path: 'x', accountId: '314159265358' }])),
    ).toThrow(/sources\[0\]\.accountId: only a cloudformation source takes `accountId`/);
  });

  describe('aws-organizations', () => {
    const org = (fields: object) => ({ id: 'org', kind: 'aws-organizations', ...fields });
    const managementAccount = { roleArn: 'arn:aws:iam::999999999999:role/org-reader' };

    it('reads an export from a path or a URL', () => {
      const [file, url] = readSourceConfigs(
        configWith([org({ path: 'org.json' }), { ...org({ url: 'https://git.example.com/org.json' }), id: 'org-url' }]),
      );
      expect(file).toMatchObject({ kind: 'aws-organizations', path: 'org.json' });
      expect(file.accounts).toBeUndefined();
      expect(url).toMatchObject({ kind: 'aws-organizations', url: 'https://git.example.com/org.json' });
    });

    it('reads the organization live from one account', () => {
      const [source] = readSourceConfigs(configWith([org({ accounts: [managementAccount] })]));
      expect(source.accounts).toEqual([managementAccount]);
      expect(sourceTarget(source)).toBe('arn:aws:iam::999999999999:role/org-reader');
    });

    it('refuses more than one account, naming the entry', () => {
      expect(() =>
        readSourceConfigs(
          configWith([
            { id: 'iam', kind: 'aws-iam', accounts: [managementAccount] },
            org({ accounts: [managementAccount, { roleArn: 'arn:aws:iam::111111111111:role/org-reader' }] }),
          ]),
        ),
      ).toThrow(
        'Invalid resourceProfiles.sources[1].accounts: an aws-organizations source reads one organization: give exactly one account (the management account or a delegated administrator)',
      );
    });

    it('refuses accounts together with a path or URL, and neither', () => {
      expect(() => readSourceConfigs(configWith([org({ path: 'org.json', accounts: [managementAccount] })]))).toThrow(
        'Invalid resourceProfiles.sources[0]: an aws-organizations source takes either one of `path` or `url`, or `accounts` (not both)',
      );
      expect(() => readSourceConfigs(configWith([org({})]))).toThrow(
        'Invalid resourceProfiles.sources[0]: an aws-organizations source takes exactly one of `path` or `url`, or `accounts` with one entry',
      );
      expect(() =>
        readSourceConfigs(configWith([org({ path: 'org.json', url: 'https://git.example.com/org.json' })])),
      ).toThrow(/sources\[0\]: an aws-organizations source takes exactly one of `path` or `url`/);
    });
  });

  describe.each(['aws-s3', 'aws-resource-policies'])('%s', kind => {
    const live = (fields: object) => ({ id: 'live', kind, ...fields });
    const reader = { roleArn: 'arn:aws:iam::314159265358:role/resource-profiles-reader' };

    it('reads exports from a path, or each of its accounts live', () => {
      const [file, accounts] = readSourceConfigs(configWith([live({ path: 'exports' }), { ...live({ accounts: [reader, { roleArn: 'arn:aws:iam::271828182845:role/r', region: 'eu-west-1' }] }), id: 'live-accounts' }]));
      expect(file).toMatchObject({ kind, path: 'exports' });
      expect(accounts.accounts).toEqual([reader, { roleArn: 'arn:aws:iam::271828182845:role/r', region: 'eu-west-1' }]);
    });

    it('refuses accounts together with a path, and neither', () => {
      const message = `Invalid resourceProfiles.sources[0]: an ${kind} source takes exactly one of \`path\` or \`url\`, or \`accounts\``;
      expect(() => readSourceConfigs(configWith([live({ path: 'exports', accounts: [reader] })]))).toThrow(message);
      expect(() => readSourceConfigs(configWith([live({ url: 'https://git.example.com/x.json', accounts: [reader] })]))).toThrow(message);
      expect(() => readSourceConfigs(configWith([live({})]))).toThrow(message);
    });
  });

  it('parses an S3 bucket export with the engine, naming the document and JSON path of what is wrong', () => {
    const text = JSON.stringify({ AccountId: '314159265358', Buckets: [{ Name: 'ok-bucket', Policy: '{"Statement": {"Effect": "Allow"}}' }] });
    expect(() => parseSourceDocuments({ kind: 'aws-s3', maxBytes: 1e6 }, [{ name: 's3/prod.json', text }])).toThrow(/s3\/prod\.json.*\$\.Buckets\[0\]\.Policy/);
  });

  it('parses a resource policy export with the engine, naming the document and JSON path of what is wrong', () => {
    const queue = 'arn:aws:sqs:eu-west-1:314159265358:orders';
    const good = JSON.stringify({ AccountId: '314159265358', Region: 'eu-west-1', Resources: [{ Arn: queue, Tags: [{ Key: 'owner', Value: 'fulfilment' }] }] });
    const [input] = parseSourceDocuments({ kind: 'aws-resource-policies', maxBytes: 1e6 }, [{ name: 'policies/prod.json', text: good }]);
    expect(input.resources.map(r => [r.arn, r.tags])).toEqual([[queue, { owner: 'fulfilment' }]]);
    const foreign = JSON.stringify({ AccountId: '314159265358', Resources: [{ Arn: 'arn:aws:sqs:eu-west-1:271828182845:orders' }] });
    expect(() => parseSourceDocuments({ kind: 'aws-resource-policies', maxBytes: 1e6 }, [{ name: 'policies/prod.json', text: foreign }])).toThrow(
      /policies\/prod\.json.*\$\.Resources\[0\]\.Arn/,
    );
  });
});
