import { createMockDirectory, mockServices } from '@backstage/backend-test-utils';
import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { readAwsIam } from './readAwsIam';
import { readSourceDocuments } from './readSourceDocuments';
import { SourceConfig } from './sourceConfig';

const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 5 } };

function source(overrides: Partial<SourceConfig>): SourceConfig {
  return { id: 's', kind: 'terraform', maxBytes: 1024 * 1024, schedule, ...overrides };
}

describe('readSourceDocuments', () => {
  const dir = createMockDirectory();

  it('reads every matching file of a folder, in name order', async () => {
    dir.setContent({ 'b.tfstate': '{"b":1}', 'a.json': '{"a":1}', 'notes.md': 'ignored' });
    const documents = await readSourceDocuments(source({ path: dir.path }), mockServices.urlReader.mock());
    expect(documents.map(d => d.name)).toEqual([dir.resolve('a.json'), dir.resolve('b.tfstate')]);
  });

  it('refuses a file over the limit before reading it, naming the limit', async () => {
    dir.setContent({ 'big.json': 'x'.repeat(2000) });
    await expect(
      readSourceDocuments(source({ path: dir.resolve('big.json'), maxBytes: 1000 }), mockServices.urlReader.mock()),
    ).rejects.toThrow(/2000 bytes, over the source's limit of 1000 bytes/);
    await expect(
      readSourceDocuments(source({ path: dir.resolve('missing.json') }), mockServices.urlReader.mock()),
    ).rejects.toThrow(/does not exist/);
  });

  it('reads a URL through the UrlReader and applies the same limit', async () => {
    const reader = mockServices.urlReader.mock({
      readUrl: async () => ({ buffer: async () => Buffer.from('{"version":4}') }) as any,
    });
    const documents = await readSourceDocuments(source({ url: 'https://git.example.com/state.json' }), reader);
    expect(documents).toEqual([{ name: 'https://git.example.com/state.json', text: '{"version":4}' }]);
    await expect(
      readSourceDocuments(source({ url: 'https://git.example.com/state.json', maxBytes: 5 }), reader),
    ).rejects.toThrow(/over the source's limit of 5 bytes/);
  });
});

describe('readAwsIam', () => {
  it('follows every page of GetAccountAuthorizationDetails, one document per account', async () => {
    const markers: (string | undefined)[] = [];
    const client = {
      send: async (command: GetAccountAuthorizationDetailsCommand) => {
        markers.push(command.input.Marker);
        return command.input.Marker
          ? { RoleDetailList: [{ RoleName: 'b' }], Policies: [], IsTruncated: false, $metadata: {} }
          : { RoleDetailList: [{ RoleName: 'a' }], UserDetailList: [{ UserName: 'u' }], IsTruncated: true, Marker: 'next', $metadata: {} };
      },
    };
    const accounts = [{ roleArn: 'arn:aws:iam::111122223333:role/reader' }, { roleArn: 'arn:aws:iam::444455556666:role/reader' }];
    const documents = await readAwsIam(
      source({ kind: 'aws-iam', accounts }),
      async () => client as any,
    );
    expect(markers).toEqual([undefined, 'next', undefined, 'next']);
    expect(documents.map(d => d.name)).toEqual([
      'aws-iam:arn:aws:iam::111122223333:role/reader',
      'aws-iam:arn:aws:iam::444455556666:role/reader',
    ]);
    expect(JSON.parse(documents[0].text)).toEqual({
      UserDetailList: [{ UserName: 'u' }],
      GroupDetailList: [],
      RoleDetailList: [{ RoleName: 'a' }, { RoleName: 'b' }],
      Policies: [],
    });
  });
});
