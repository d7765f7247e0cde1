import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { GrantActuator } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { defaultIamClientFactory } from '../sources/readAwsIam';
import { AwsAccountConfig } from '../sources/sourceConfig';
import { AwsIamActuator } from './AwsIamActuator';
import { RecordOnlyActuator } from './RecordOnlyActuator';
import { WebhookActuator } from './WebhookActuator';

/** The actuator named by `resourceProfiles.access.actuator.type` (default record-only). */
export function readActuator(config: RootConfigService, logger: LoggerService): GrantActuator {
  const section = config.getOptionalConfig('resourceProfiles.access.actuator');
  const type = section?.getOptionalString('type') ?? 'record-only';
  switch (type) {
    case 'record-only':
      return new RecordOnlyActuator(logger);
    case 'webhook':
      return new WebhookActuator({
        url: section!.getString('webhook.url'),
        secret: section!.getString('webhook.secret'),
      });
    case 'aws-iam': {
      const accounts = new Map<string, AwsAccountConfig>();
      for (const account of section!.getConfigArray('aws.accounts')) {
        accounts.set(account.getString('accountId'), {
          roleArn: account.getOptionalString('roleArn'),
          externalId: account.getOptionalString('externalId'),
          region: account.getOptionalString('region'),
        });
      }
      return new AwsIamActuator({
        accounts,
        clientFactory: account => defaultIamClientFactory(account) as any,
      });
    }
    default:
      throw new InputError(`Unknown resourceProfiles.access.actuator.type "${type}" (record-only, webhook or aws-iam)`);
  }
}
