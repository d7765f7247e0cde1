import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountAuthorizationDetailsCommandOutput,
  IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { InputError } from '@backstage/errors';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/** The slice of IAMClient this reader uses, so tests can pass a fake. */
export interface IamClientLike {
  send(
    command: GetAccountAuthorizationDetailsCommand,
  ): Promise<GetAccountAuthorizationDetailsCommandOutput>;
}

export type IamClientFactory = (account: AwsAccountConfig) => Promise<IamClientLike>;

const SDK_MAX_ATTEMPTS = 5;

/** IAM clients from the default credential chain, assuming the account's role when one is set. */
export const defaultIamClientFactory: IamClientFactory = async account => {
  const region = account.region ?? 'us-east-1';
  if (!account.roleArn) {
    return new IAMClient({ region, maxAttempts: SDK_MAX_ATTEMPTS });
  }
  const sts = new STSClient({ region, maxAttempts: SDK_MAX_ATTEMPTS });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: account.roleArn,
      RoleSessionName: 'backstage-resource-profiles',
      ExternalId: account.externalId,
      DurationSeconds: 3600,
    }),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
    throw new Error(`AssumeRole into ${account.roleArn} returned no credentials`);
  }
  return new IAMClient({
    region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  });
};

/**
 * Reads each account's `GetAccountAuthorizationDetails`, following every page,
 * into one document per account in the AWS CLI's JSON shape.
 */
export async function readAwsIam(
  source: SourceConfig,
  clientFactory: IamClientFactory = defaultIamClientFactory,
): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  let total = 0;
  for (const account of source.accounts ?? []) {
    const client = await clientFactory(account);
    const details = {
      UserDetailList: [] as unknown[],
      GroupDetailList: [] as unknown[],
      RoleDetailList: [] as unknown[],
      Policies: [] as unknown[],
    };
    let marker: string | undefined;
    do {
      const page = await client.send(
        new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 1000 }),
      );
      details.UserDetailList.push(...(page.UserDetailList ?? []));
      details.GroupDetailList.push(...(page.GroupDetailList ?? []));
      details.RoleDetailList.push(...(page.RoleDetailList ?? []));
      details.Policies.push(...(page.Policies ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const text = JSON.stringify(details);
    total += text.length;
    const name = `aws-iam:${account.roleArn ?? 'default-credentials'}`;
    if (total > source.maxBytes) {
      throw new InputError(`${name} returned more than the source's limit of ${source.maxBytes} bytes`);
    }
    documents.push({ name, text });
  }
  return documents;
}
