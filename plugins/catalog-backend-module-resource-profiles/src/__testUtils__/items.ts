import { CloudInventoryItem } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** An applied RDS instance owned by payments, with overrides. */
export function inventoryItem(
  overrides: Partial<CloudInventoryItem> = {},
): CloudInventoryItem {
  return {
    arn: 'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db',
    type: 'rds-instance',
    name: 'payments-ledger-db',
    accountId: '314159265358',
    region: 'us-east-1',
    tags: {
      owner: 'payments',
      system: 'payments-core',
      environment: 'prod',
      'data-classification': 'restricted',
      'compliance-scopes': 'SOC2,PCI-DSS',
    },
    category: 'resource',
    dependsOn: [],
    source: {
      file: 'examples/terraform/payments.tfstate',
      address: 'aws_db_instance.ledger',
    },
    planned: false,
    ...overrides,
  };
}

/** An IAM role in the prod account. */
export function roleItem(
  name: string,
  overrides: Partial<CloudInventoryItem> = {},
): CloudInventoryItem {
  return inventoryItem({
    arn: `arn:aws:iam::314159265358:role/${name}`,
    type: 'iam-role',
    name,
    region: undefined,
    category: 'principal',
    tags: { owner: 'platform-team' },
    source: {
      file: 'examples/aws/314159265358-authorization-details.json',
      address: `RoleDetailList[${name}]`,
    },
    ...overrides,
  });
}
