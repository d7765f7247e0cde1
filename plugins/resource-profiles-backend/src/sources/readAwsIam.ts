import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountAuthorizationDetailsCommandOutput,
  IAMClient,
} from '@aws-sdk/client-iam';
import { awsClientConfig } from './awsClientConfig';
import { LiveDocuments } from './liveDocuments';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/** The slice of IAMClient this reader uses, so tests can pass a fake. */
export interface IamClientLike {
  send(
    command: GetAccountAuthorizationDetailsCommand,
  ): Promise<GetAccountAuthorizationDetailsCommandOutput>;
}

export type IamClientFactory = (account: AwsAccountConfig) => Promise<IamClientLike>;

/** IAM clients from the default credential chain, assuming the account's role when one is set. */
export const defaultIamClientFactory: IamClientFactory = async account => new IAMClient(await awsClientConfig(account));

/**
 * Reads each account's `GetAccountAuthorizationDetails`, following every page,
 * into one document per account in the AWS CLI's JSON shape.
 */
export async function readAwsIam(
  source: SourceConfig,
  clientFactory: IamClientFactory = defaultIamClientFactory,
): Promise<SourceDocument[]> {
  const out = new LiveDocuments(source);
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
    out.add(account, details);
  }
  return out.documents;
}
