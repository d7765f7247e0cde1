import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { readProfileConfig } from './profileConfig';
import { resolveProfile } from './resolveProfile';

const now = new Date('2026-11-22T12:00:00Z');

function resource(annotations: Record<string, string>, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'ledger-db', namespace: 'default', annotations },
    spec: { type: 'rds-instance', owner: 'payments', system: 'payments-core', ...spec },
  };
}

const config = readProfileConfig(
  new ConfigReader({
    resourceProfiles: {
      defaults: { approverGroups: ['group:default/security'] },
      rules: [
        {
          name: 'prod',
          match: { environment: 'prod' },
          profile: { approvalPolicy: 'two', maxGrantDuration: 'PT4H' },
        },
        {
          name: 'buckets',
          match: { type: 's3-bucket' },
          profile: { dataClassification: 'confidential' },
        },
      ],
    },
  }),
);

describe('resolveProfile', () => {
  it('reads the profile from the entity annotations first', () => {
    const profile = resolveProfile({
      entity: resource({
        'resource-profiles.io/arn': 'arn:aws:rds:eu-west-1:111122223333:db:ledger',
        'resource-profiles.io/environment': 'production',
        'resource-profiles.io/data-classification': 'restricted',
        'resource-profiles.io/compliance-scopes': 'SOC2, PCI-DSS',
        'resource-profiles.io/last-reviewed': '2026-10-01',
        'resource-profiles.io/review-interval-days': '30',
        'resource-profiles.io/approval-policy': 'one',
        'resource-profiles.io/requestable-roles':
          'read=arn:aws:iam::111122223333:policy/ledger-read,write=arn:aws:iam::111122223333:policy/ledger-write',
      }),
      config,
      now,
    });
    expect(profile).toMatchObject({
      entityRef: 'resource:default/ledger-db',
      arn: 'arn:aws:rds:eu-west-1:111122223333:db:ledger',
      owner: 'group:default/payments',
      system: 'system:default/payments-core',
      environment: 'prod',
      dataClassification: 'restricted',
      complianceScopes: ['SOC2', 'PCI-DSS'],
      reviewIntervalDays: 30,
      reviewDueAt: '2026-10-31T00:00:00.000Z',
      reviewOverdue: true,
      approvalPolicy: { mode: 'approvers', requiredApprovals: 1 },
      requestableRoles: [
        { name: 'read', target: 'arn:aws:iam::111122223333:policy/ledger-read' },
        { name: 'write', target: 'arn:aws:iam::111122223333:policy/ledger-write' },
      ],
      // The prod rule fills what the annotations leave open.
      maxGrantDurationHours: 4,
      approverGroups: ['group:default/security'],
      warnings: [],
    });
    expect(profile.sources).toMatchObject({
      environment: 'catalog',
      approvalPolicy: 'catalog',
      maxGrantDuration: 'rule',
      approverGroups: 'default',
    });
  });

  it('falls back to IaC tags, then the system, then rules, then defaults', () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'payments-core',
        namespace: 'default',
        annotations: { 'resource-profiles.io/compliance-scopes': 'PCI-DSS' },
      },
      spec: { owner: 'payments' },
    };
    const profile = resolveProfile({
      entity: resource({}, { type: 's3-bucket' }),
      ancestors: [system],
      iacTags: { env: 'prod' },
      config,
      now,
    });
    expect(profile.environment).toBe('prod');
    expect(profile.sources.environment).toBe('iac-tag');
    expect(profile.complianceScopes).toEqual(['PCI-DSS']);
    expect(profile.sources.complianceScopes).toBe('inherited');
    // The prod rule matches first (rules are tried in order).
    expect(profile.approvalPolicy).toEqual({ mode: 'approvers', requiredApprovals: 2 });
    expect(profile.dataClassification).toBe('internal');
    expect(profile.sources.dataClassification).toBe('default');
  });

  it('warns about unusable values and uses the next source', () => {
    const profile = resolveProfile({
      entity: resource({
        'resource-profiles.io/data-classification': 'top-secret',
        'resource-profiles.io/max-grant-duration': 'forever',
        'resource-profiles.io/last-reviewed': 'last tuesday',
      }),
      config,
      now,
    });
    expect(profile.dataClassification).toBe('internal');
    expect(profile.maxGrantDurationHours).toBe(8);
    expect(profile.lastReviewedAt).toBeUndefined();
    expect(profile.warnings).toEqual([
      'Ignored dataClassification "top-secret" from catalog',
      'Ignored maxGrantDuration "forever" from catalog',
      'Ignored lastReviewedAt "last tuesday" from the catalog entity',
    ]);
  });

  it('is not overdue within the review interval', () => {
    const profile = resolveProfile({
      entity: resource({ 'resource-profiles.io/last-reviewed': '2026-11-01' }),
      config,
      now,
    });
    expect(profile.reviewOverdue).toBe(false);
  });

  it('rejects a configuration with an unknown key', () => {
    expect(() =>
      readProfileConfig(
        new ConfigReader({ resourceProfiles: { defaults: { enviroment: 'prod' } } }),
      ),
    ).toThrow(/Invalid resourceProfiles configuration: defaults/);
  });
});
