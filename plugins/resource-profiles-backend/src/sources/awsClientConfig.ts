import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsAccountConfig } from './sourceConfig';

const SDK_MAX_ATTEMPTS = 5;

export interface AwsClientConfig {
  region: string;
  maxAttempts: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Settings for an AWS SDK client reading one account: the default credential chain, or the
 * account's role assumed through STS when one is set.
 */
export async function awsClientConfig(account: AwsAccountConfig): Promise<AwsClientConfig> {
  const region = account.region ?? 'us-east-1';
  if (!account.roleArn) return { region, maxAttempts: SDK_MAX_ATTEMPTS };
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
  return {
    region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  };
}
