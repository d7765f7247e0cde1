import { mockServices } from '@backstage/backend-test-utils';
import { parseSourceDocuments } from './parseSourceDocuments';
import { readSourceConfigs } from './sourceConfig';

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
});
