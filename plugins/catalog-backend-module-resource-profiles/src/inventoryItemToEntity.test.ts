import { makeValidator } from '@backstage/catalog-model';
import { buildCatalogView } from './catalogView';
import { inventoryItemToEntity } from './inventoryItemToEntity';
import { entityNameForItem } from './naming';
import { normalizeOwnerRef, resolveOwner } from './owner';
import { inventoryItem, roleItem } from './__testUtils__/items';

const validator = makeValidator();

describe('entityNameForItem', () => {
  it('is <type>-<name>-<hash of the ARN>, stable across calls', () => {
    const name = entityNameForItem(inventoryItem());
    expect(name).toMatch(/^rds-instance-payments-ledger-db-[0-9a-f]{8}$/);
    expect(entityNameForItem(inventoryItem())).toBe(name);
    expect(
      entityNameForItem({
        ...inventoryItem(),
        tags: {},
        dependsOn: ['x'],
      } as any),
    ).toBe(name);
  });

  it('differs for one name in two accounts, regions or IAM paths', () => {
    const names = new Set(
      [
        'arn:aws:iam::314159265358:role/developer',
        'arn:aws:iam::271828182845:role/developer',
        'arn:aws:iam::161803398874:role/developer',
        'arn:aws:iam::314159265358:role/team/developer',
      ].map(arn =>
        entityNameForItem({ arn, type: 'iam-role', name: 'developer' }),
      ),
    );
    expect(names.size).toBe(4);
  });

  it.each([
    ['a very long name', { name: 'x'.repeat(300) }],
    [
      'an IAM path and odd characters',
      { name: 'Svc_Role.With Spaces/ÄÖÜ@@prod' },
    ],
    ['a name that is all punctuation', { name: '***' }],
    ['an empty name', { name: '' }],
    ['an empty type', { type: '' }],
    ['an odd type', { type: 'AWS::Custom::Thing' }],
    [
      'a long ARN with colons and slashes',
      {
        arn: `arn:aws:states:eu-west-1:123456789012:stateMachine:${'Deep/'.repeat(
          40,
        )}end`,
        name: '',
      },
    ],
    [
      'an S3 object ARN',
      {
        arn: 'arn:aws:s3:::bucket/key/with/slashes.txt',
        name: 'key/with/slashes.txt',
      },
    ],
  ])('is a valid entity name for %s', (_label, overrides) => {
    const name = entityNameForItem({ ...inventoryItem(), ...overrides });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(validator.isValidEntityName(name)).toBe(true);
  });

  it('keeps readable characters from accented names and does not repeat the type', () => {
    expect(
      entityNameForItem({
        arn: 'arn:x',
        type: 'iam-role',
        name: 'Rôle Équipe',
      }),
    ).toMatch(/^iam-role-role-equipe-[0-9a-f]{8}$/);
    expect(
      entityNameForItem({
        arn: 'arn:x',
        type: 's3-bucket',
        name: 's3-bucket-logs',
      }),
    ).toMatch(/^s3-bucket-logs-[0-9a-f]{8}$/);
  });

  it('falls back to the resource part of the ARN when the name is empty', () => {
    expect(
      entityNameForItem({
        arn: 'arn:aws:sqs:us-east-1:314159265358:orders-queue',
        type: 'sqs-queue',
        name: '',
      }),
    ).toMatch(/^sqs-queue-orders-queue-[0-9a-f]{8}$/);
  });
});

describe('resolveOwner', () => {
  it('reads a group name from the first owner tag', () => {
    expect(resolveOwner({ owner: 'payments' })).toEqual({
      resolved: true,
      ref: 'group:default/payments',
      source: 'tag',
      tagValue: 'payments',
    });
    expect(resolveOwner({ team: 'checkout' }).ref).toBe(
      'group:default/checkout',
    );
    expect(resolveOwner({ owner: 'payments', team: 'checkout' }).ref).toBe(
      'group:default/payments',
    );
  });

  it('accepts full refs, users and other tag-key casings', () => {
    expect(resolveOwner({ owner: 'group:platform/sre' }).ref).toBe(
      'group:platform/sre',
    );
    expect(resolveOwner({ owner: 'user:default/jane' }).ref).toBe(
      'user:default/jane',
    );
    expect(resolveOwner({ Owner: ' identity ' }).ref).toBe(
      'group:default/identity',
    );
  });

  it('uses configured tag keys in order', () => {
    expect(
      resolveOwner(
        { owner: 'ignored', 'cost-center-team': 'growth' },
        { ownerTagKeys: ['cost-center-team'] },
      ).ref,
    ).toBe('group:default/growth');
  });

  it('maps tag values through the explicit mapping first, ignoring case', () => {
    const ownerMapping = {
      'Payments Team': 'group:default/payments',
      'ops@example.com': 'group:default/platform-team',
    };
    expect(resolveOwner({ owner: 'payments team' }, { ownerMapping })).toEqual({
      resolved: true,
      ref: 'group:default/payments',
      source: 'mapping',
      tagValue: 'payments team',
    });
    expect(
      resolveOwner({ team: 'ops@example.com' }, { ownerMapping }).ref,
    ).toBe('group:default/platform-team');
  });

  it('flags a resource without owner tag with the fallback group', () => {
    expect(resolveOwner({ environment: 'prod' })).toEqual({
      resolved: false,
      ref: 'group:default/unowned',
      reason: 'no-tag',
    });
    expect(
      resolveOwner(
        { owner: '  ' },
        { unownedGroup: 'group:default/cloud-orphans' },
      ),
    ).toMatchObject({ resolved: false, ref: 'group:default/cloud-orphans' });
  });

  it('flags values that cannot be a group', () => {
    for (const owner of [
      'Payments Team',
      'ops@example.com',
      'component:default/x',
      'a:b:c/d',
    ]) {
      expect(resolveOwner({ owner })).toMatchObject({
        resolved: false,
        reason: 'invalid',
        tagValue: owner,
      });
    }
  });

  it('flags groups missing from the catalog when known owners are given', () => {
    const knownOwners = new Set(['group:default/payments']);
    expect(resolveOwner({ owner: 'Payments' }, { knownOwners }).resolved).toBe(
      true,
    );
    expect(resolveOwner({ owner: 'paymnets' }, { knownOwners })).toMatchObject({
      resolved: false,
      reason: 'unknown',
      tagValue: 'paymnets',
    });
  });

  it('normalizes owner refs', () => {
    expect(normalizeOwnerRef('payments')).toBe('group:default/payments');
    expect(normalizeOwnerRef('Group:default/payments')).toBe(
      'group:default/payments',
    );
    expect(normalizeOwnerRef('system:default/x')).toBeUndefined();
  });
});

describe('inventoryItemToEntity', () => {
  it('builds a Resource entity with owner, system, profile annotations and locations', () => {
    const entity = inventoryItemToEntity(inventoryItem());
    const name = entityNameForItem(inventoryItem());
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: 'payments-ledger-db',
        description: expect.stringContaining(
          'rds instance payments-ledger-db in AWS account 314159265358 (us-east-1)',
        ),
        tags: ['aws', 'rds', 'prod', 'restricted', 'soc2', 'pci-dss'],
        annotations: {
          'backstage.io/managed-by-location':
            'resource-profiles:examples/terraform/payments.tfstate',
          'backstage.io/managed-by-origin-location':
            'resource-profiles:examples/terraform/payments.tfstate',
          'resource-profiles.io/arn':
            'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db',
          'resource-profiles.io/source':
            'examples/terraform/payments.tfstate#aws_db_instance.ledger',
          'resource-profiles.io/environment': 'prod',
          'resource-profiles.io/data-classification': 'restricted',
          'resource-profiles.io/compliance-scopes': 'SOC2,PCI-DSS',
        },
      },
      spec: {
        type: 'rds-instance',
        owner: 'group:default/payments',
        system: 'system:default/payments-core',
      },
    });
  });

  it('flags, not drops, a resource without resolvable owner', () => {
    const entity = inventoryItemToEntity(
      inventoryItem({ tags: { owner: 'Payments Team' } }),
      {
        unownedGroup: 'group:default/cloud-orphans',
      },
    );
    expect(entity.spec?.owner).toBe('group:default/cloud-orphans');
    expect(entity.metadata.annotations).toMatchObject({
      'resource-profiles.io/owner-unresolved': 'true',
      'resource-profiles.io/owner-tag': 'Payments Team',
    });
    const untagged = inventoryItemToEntity(inventoryItem({ tags: {} }));
    expect(untagged.spec?.owner).toBe('group:default/unowned');
    expect(
      untagged.metadata.annotations?.['resource-profiles.io/owner-unresolved'],
    ).toBe('true');
    expect(untagged.metadata.annotations).not.toHaveProperty(
      'resource-profiles.io/owner-tag',
    );
    expect(untagged.spec).not.toHaveProperty('system');
    expect(untagged.metadata).not.toHaveProperty(
      'tags',
      expect.arrayContaining(['prod']),
    );
  });

  it('reads owner, system and profile fields from configured tag keys', () => {
    const entity = inventoryItemToEntity(
      inventoryItem({
        tags: {
          squad: 'growth',
          product: 'group:default/not-a-system',
          env: 'production',
          Tier: 'x',
        },
      }),
      { tagKeys: { owner: ['squad'], system: ['product'] } },
    );
    expect(entity.spec?.owner).toBe('group:default/growth');
    expect(entity.spec).not.toHaveProperty('system');
    expect(
      entity.metadata.annotations?.['resource-profiles.io/environment'],
    ).toBe('production');
    const withSystem = inventoryItemToEntity(
      inventoryItem({ tags: { system: 'system:commerce/checkout' } }),
    );
    expect(withSystem.spec?.system).toBe('system:commerce/checkout');
  });

  it('maps dependsOn ARNs to entity refs, dropping unknown ones and itself', () => {
    const item = inventoryItem({
      dependsOn: [
        'arn:aws:kms:us-east-1:314159265358:key/1',
        'arn:aws:iam::314159265358:role/ledger',
        'arn:aws:s3:::unknown',
        'arn:aws:kms:us-east-1:314159265358:key/1',
        'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db',
      ],
    });
    const refs: Record<string, string> = {
      'arn:aws:kms:us-east-1:314159265358:key/1':
        'resource:default/payments-ledger-kms',
      'arn:aws:iam::314159265358:role/ledger':
        'resource:default/iam-role-ledger-0000aaaa',
    };
    expect(
      inventoryItemToEntity(item, { refForArn: arn => refs[arn] }).spec
        ?.dependsOn,
    ).toEqual([
      'resource:default/payments-ledger-kms',
      'resource:default/iam-role-ledger-0000aaaa',
    ]);
    expect(inventoryItemToEntity(item).spec).not.toHaveProperty('dependsOn');
  });

  it('normalizes compliance scopes and keeps only valid tags', () => {
    const entity = inventoryItemToEntity(
      inventoryItem({
        tags: { 'compliance-scopes': 'SOC2 PCI-DSS', environment: 'Prod / EU' },
      }),
    );
    expect(
      entity.metadata.annotations?.['resource-profiles.io/compliance-scopes'],
    ).toBe('SOC2,PCI-DSS');
    expect(entity.metadata.tags).toEqual(['aws', 'rds', 'soc2', 'pci-dss']);
  });

  it('describes IAM principals without region', () => {
    const entity = inventoryItemToEntity(roleItem('payments-engineer'));
    expect(entity.spec?.type).toBe('iam-role');
    expect(entity.metadata.description).toBe(
      'iam role payments-engineer in AWS account 314159265358, found by Resource Profiles in examples/aws/314159265358-authorization-details.json#RoleDetailList[payments-engineer].',
    );
    expect(entity.metadata.tags).toEqual(['aws', 'iam']);
  });
});

describe('buildCatalogView', () => {
  const kms = inventoryItem({
    arn: 'arn:aws:kms:us-east-1:314159265358:key/1',
    type: 'kms-key',
    name: 'ledger-key',
    tags: { environment: 'prod', 'data-classification': 'restricted' },
  });
  const db = inventoryItem({
    dependsOn: [kms.arn, 'arn:aws:iam::314159265358:role/ledger-app'],
  });
  const role = roleItem('ledger-app', { dependsOn: [db.arn] });
  const planned = roleItem('risky-new-role', { planned: true });

  it('provides every applied item and leaves planned ones out', () => {
    const view = buildCatalogView([db, kms, role, planned]);
    expect(view.entities.map(e => e.metadata.title)).toEqual([
      'payments-ledger-db',
      'ledger-key',
      'ledger-app',
    ]);
    expect(view.counts).toMatchObject({
      provided: 3,
      planned: 1,
      handWritten: 0,
    });
    expect(view.entities[0].spec?.dependsOn).toEqual([
      `resource:default/${entityNameForItem(kms)}`,
      `resource:default/${entityNameForItem(role)}`,
    ]);
  });

  it('enriches hand-written ARNs instead of providing them, and resolves dependsOn to them', () => {
    const view = buildCatalogView([db, kms, role, planned], {
      handWritten: new Map([[db.arn, 'resource:default/payments-ledger-db']]),
    });
    expect(view.entities.map(e => e.metadata.title)).toEqual([
      'ledger-key',
      'ledger-app',
    ]);
    expect(view.entities[1].spec?.dependsOn).toEqual([
      'resource:default/payments-ledger-db',
    ]);
    expect(view.enrichment).toEqual({
      [db.arn]: {
        annotations: {
          'resource-profiles.io/environment': 'prod',
          'resource-profiles.io/data-classification': 'restricted',
          'resource-profiles.io/compliance-scopes': 'SOC2,PCI-DSS',
        },
        dependsOn: [
          `resource:default/${entityNameForItem(kms)}`,
          `resource:default/${entityNameForItem(role)}`,
        ],
      },
    });
    expect(view.counts).toMatchObject({ provided: 2, handWritten: 1 });
  });

  it('merges an ARN that several sources report', () => {
    const fromState = roleItem('ledger-app', {
      tags: { owner: 'payments' },
      dependsOn: ['a'],
    });
    const fromDetails = roleItem('ledger-app', {
      tags: { owner: 'platform-team', environment: 'prod' },
      dependsOn: ['b'],
    });
    const view = buildCatalogView([fromState, fromDetails]);
    expect(view.entities).toHaveLength(1);
    expect(view.entities[0].spec?.owner).toBe('group:default/payments');
    expect(
      view.entities[0].metadata.annotations?.[
        'resource-profiles.io/environment'
      ],
    ).toBe('prod');
  });

  it('counts unowned entities and gives every entity a unique valid name', () => {
    const items = [
      ...['314159265358', '271828182845', '161803398874'].map(account =>
        roleItem('developer', {
          arn: `arn:aws:iam::${account}:role/developer`,
          accountId: account,
          tags: {},
        }),
      ),
      db,
    ];
    const view = buildCatalogView(items);
    const names = view.entities.map(e => e.metadata.name);
    expect(new Set(names).size).toBe(4);
    expect(view.counts.unownedProvided).toBe(3);
  });
});
