import {
  GetBucketPolicyCommand,
  GetBucketPolicyCommandOutput,
  GetBucketTaggingCommand,
  GetBucketTaggingCommandOutput,
  GetPublicAccessBlockCommand,
  GetPublicAccessBlockCommandOutput,
  ListBucketsCommand,
  ListBucketsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from './awsClientConfig';
import { allPages, readEach, tagList } from './awsPaging';
import { LiveDocuments } from './liveDocuments';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/** The slice of S3Client this reader uses, so tests can pass a fake. */
export interface S3ClientLike {
  send(command: ListBucketsCommand): Promise<ListBucketsCommandOutput>;
  send(command: GetBucketPolicyCommand): Promise<GetBucketPolicyCommandOutput>;
  send(command: GetPublicAccessBlockCommand): Promise<GetPublicAccessBlockCommandOutput>;
  send(command: GetBucketTaggingCommand): Promise<GetBucketTaggingCommandOutput>;
}

/** An S3 client for one account, and that account's id (bucket ARNs do not carry it). */
export type S3ClientFactory = (account: AwsAccountConfig) => Promise<{ accountId: string; client: S3ClientLike }>;

/** S3 and STS clients from the default credential chain, assuming the account's role when one is set. */
export const defaultS3ClientFactory: S3ClientFactory = async account => {
  const config = await awsClientConfig(account);
  const { Account } = await new STSClient(config).send(new GetCallerIdentityCommand({}));
  if (!Account) throw new Error(`GetCallerIdentity for ${account.roleArn ?? 'the default credentials'} returned no account`);
  // Buckets live in many regions: the client follows S3's redirects to each bucket's own.
  return { accountId: Account, client: new S3Client({ ...config, followRegionRedirects: true }) };
};

/** The answer of a per-bucket call, or `undefined` when S3 says the bucket has none (`absent`). */
async function unlessAbsent<T>(absent: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if ((error as { name?: string }).name === absent) return undefined;
    throw error;
  }
}

/**
 * Reads each account's buckets into one S3 bucket export per account (the shape
 * `parseAwsS3Buckets` reads): every bucket with its policy, Block Public Access setting and tags.
 * A bucket whose policy or settings cannot be read fails the source rather than leaving a gap.
 */
export async function readAwsS3(source: SourceConfig, clientFactory: S3ClientFactory = defaultS3ClientFactory): Promise<SourceDocument[]> {
  const out = new LiveDocuments(source);
  for (const account of source.accounts ?? []) {
    const { accountId, client } = await clientFactory(account);
    const all = await allPages(async ContinuationToken => {
      const page = await client.send(new ListBucketsCommand({ ContinuationToken, MaxBuckets: 1000 }));
      return { items: page.Buckets, nextToken: page.ContinuationToken };
    });
    const listed = all.flatMap(b => (b.Name ? [{ Name: b.Name, Region: b.BucketRegion }] : []));

    const buckets = await readEach(
      listed,
      async ({ Name, Region }) => {
        const Bucket = Name;
        const [policy, block, tagging] = await Promise.all([
          unlessAbsent('NoSuchBucketPolicy', () => client.send(new GetBucketPolicyCommand({ Bucket }))),
          unlessAbsent('NoSuchPublicAccessBlockConfiguration', () => client.send(new GetPublicAccessBlockCommand({ Bucket }))),
          unlessAbsent('NoSuchTagSet', () => client.send(new GetBucketTaggingCommand({ Bucket }))),
        ]);
        return { Name, Region, Tags: tagList(tagging?.TagSet), Policy: policy?.Policy, PublicAccessBlock: block?.PublicAccessBlockConfiguration };
      },
      ({ Name }) => `bucket ${Name} of account ${accountId}`,
    );
    out.add(account, { AccountId: accountId, Buckets: buckets });
  }
  return out.documents;
}
