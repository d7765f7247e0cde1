import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { resourceProfilesPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'payments-ledger-db',
      namespace: 'default',
      annotations: {
        'resource-profiles.io/environment': 'prod',
        'resource-profiles.io/data-classification': 'restricted',
      },
    },
    spec: { type: 'rds-instance', owner: 'group:default/payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'website', namespace: 'default' },
    spec: { type: 'website', owner: 'group:default/web', lifecycle: 'production' },
  },
];

describe.each(ids)('resource-profiles plugin on %s', databaseId => {
  async function start(
    permissionResult: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        resourceProfilesPlugin,
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: permissionResult }),
        catalogServiceMock.factory({ entities }),
      ],
    });
    return { server, knex };
  }

  it('refuses a request without a token with 401', async () => {
    const { server } = await start();
    const response = await request(server)
      .get('/api/resource-profiles/profiles/resource/default/payments-ledger-db')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('serves the profile of an entity to a signed-in user', async () => {
    const { server } = await start();
    const response = await request(server)
      .get('/api/resource-profiles/profiles/resource/default/payments-ledger-db')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'resource:default/payments-ledger-db',
      owner: 'group:default/payments',
      environment: 'prod',
      dataClassification: 'restricted',
    });
  });

  it('answers 404 for entities without a profile or unknown entities', async () => {
    const { server } = await start();
    const auth = mockCredentials.user.header('user:default/guest');
    for (const path of ['component/default/website', 'resource/default/nope']) {
      const response = await request(server)
        .get(`/api/resource-profiles/profiles/${path}`)
        .set('Authorization', auth);
      expect(response.status).toBe(404);
    }
  });

  it('answers 403 when the permission policy denies', async () => {
    const { server } = await start(AuthorizeResult.DENY);
    const auth = mockCredentials.user.header('user:default/guest');
    const read = await request(server)
      .get('/api/resource-profiles/profiles/resource/default/payments-ledger-db')
      .set('Authorization', auth);
    expect(read.status).toBe(403);
    const sync = await request(server)
      .post('/api/resource-profiles/sync')
      .set('Authorization', auth);
    expect(sync.status).toBe(403);
  });

  it('stores every profile on sync', async () => {
    const { server, knex } = await start();
    const response = await request(server)
      .post('/api/resource-profiles/sync')
      .set('Authorization', mockCredentials.user.header('user:default/admin'));
    expect(response.status).toBe(202);
    const rows = await knex('resource_profiles').select('entity_ref', 'environment');
    expect(rows).toEqual([
      { entity_ref: 'resource:default/payments-ledger-db', environment: 'prod' },
    ]);
  });
});
