import { ConfigReader } from '@backstage/config';
import { readCatalogModuleConfig } from './config';

describe('readCatalogModuleConfig', () => {
  it('has defaults for every key', () => {
    expect(readCatalogModuleConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 3 },
        initialDelay: { seconds: 15 },
      },
      tagKeys: {
        owner: ['owner', 'team'],
        system: ['system'],
        environment: ['environment', 'env'],
        dataClassification: ['data-classification', 'classification'],
        complianceScopes: ['compliance-scopes'],
      },
      ownerMapping: {},
      unownedGroup: 'group:default/unowned',
      verifyOwners: true,
    });
  });

  it('reads tag keys, the owner mapping, the fallback group and the schedule', () => {
    const config = readCatalogModuleConfig(
      new ConfigReader({
        resourceProfiles: {
          tagKeys: { owner: ['squad'], system: ['product'] },
          catalog: {
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
            ownerMapping: {
              'Payments Team': 'payments',
              ops: 'user:default/jane',
            },
            unownedGroup: 'cloud-orphans',
            verifyOwners: false,
          },
        },
      }),
    );
    expect(config.tagKeys.owner).toEqual(['squad']);
    expect(config.tagKeys.system).toEqual(['product']);
    expect(config.tagKeys.environment).toEqual(['environment', 'env']);
    expect(config.ownerMapping).toEqual({
      'Payments Team': 'group:default/payments',
      ops: 'user:default/jane',
    });
    expect(config.unownedGroup).toBe('group:default/cloud-orphans');
    expect(config.verifyOwners).toBe(false);
    expect(config.schedule).toEqual({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
    });
  });

  it('refuses owners that cannot be a group or user', () => {
    expect(() =>
      readCatalogModuleConfig(
        new ConfigReader({
          resourceProfiles: {
            catalog: { ownerMapping: { x: 'Payments Team' } },
          },
        }),
      ),
    ).toThrow(/resourceProfiles\.catalog\.ownerMapping\["x"\]/);
    expect(() =>
      readCatalogModuleConfig(
        new ConfigReader({
          resourceProfiles: { catalog: { unownedGroup: 'system:default/x' } },
        }),
      ),
    ).toThrow(/unownedGroup/);
  });
});
