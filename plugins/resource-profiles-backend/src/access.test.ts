import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AccessGrant,
  resourceProfilesActuatorExtensionPoint,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { demoEntities, EXAMPLES } from './__testUtils__/demoData';
import { resourceProfilesPlugin } from './plugin';

jest.setTimeout(180_000);

const { databases, ids } = createTestDatabases();

const LEDGER = 'resource:default/payments-ledger-db';
const GUEST = 'user:default/guest';
const PRIYA = 'user:default/priya.raman';
const SOFIA = 'user:default/sofia.alvarez';
const APPROVERS = Array.from({ length: 50 }, (_, i) => `user:default/approver-${i}`);

const entities: Entity[] = [
  ...demoEntities(),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'iam-admin-console',
      namespace: 'default',
      annotations: {
        'resource-profiles.io/environment': 'prod',
        'resource-profiles.io/approval-policy': 'one',
        'resource-profiles.io/requestable-roles':
          'assign=arn:aws:iam::314159265358:policy/iam-permission-assignment',
      },
    },
    spec: { type: 'iam-console', owner: 'group:default/identity' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'provisioner',
      namespace: 'default',
      annotations: {
        'resource-profiles.io/iam-principals': 'arn:aws:iam::314159265358:role/iam-user-provisioner',
      },
    },
    spec: { memberOf: ['identity'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'identity-lead', namespace: 'default' },
    spec: { memberOf: ['identity'] },
  },
  ...APPROVERS.map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: ['payments'] },
  })),
];

/** Group memberships as the catalog knows them, for the user-info service. */
const memberships = new Map(
  entities
    .filter(e => e.kind === 'User')
    .map(e => [
      stringifyEntityRef(e),
      ((e.spec?.memberOf as string[]) ?? []).map(g => `group:default/${g}`),
    ]),
);

/** An actuator that records calls and fails the first `failures` applies. */
class CountingActuator {
  readonly id = 'counting';
  applied: AccessGrant[] = [];
  revoked: AccessGrant[] = [];
  /** Set to hold the next apply until `release` is called (a slow IAM call). */
  hold?: { started: () => void; released: Promise<void> };
  constructor(public failures = 0) {}
  /** Holds the next apply; resolves once it has started. */
  holdNextApply(): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const startedPromise = new Promise<void>(resolve => (started = resolve));
    this.hold = { started, released: new Promise<void>(resolve => (release = resolve)) };
    return { started: startedPromise, release };
  }
  async apply(grant: AccessGrant) {
    const hold = this.hold;
    if (hold) {
      this.hold = undefined;
      hold.started();
      await hold.released;
    }
    if (this.failures > 0) {
      this.failures--;
      throw new Error('IAM is throttling');
    }
    this.applied.push(grant);
  }
  async revoke(grant: AccessGrant) {
    this.revoked.push(grant);
  }
}

describe.each(ids)('access requests on %s', databaseId => {
  async function start(options: { knex?: Knex; actuator?: CountingActuator } = {}) {
    const knex = options.knex ?? (await databases.init(databaseId));
    const actuator = options.actuator ?? new CountingActuator();
    const sent: NotificationSendOptions[] = [];
    const scheduler = mockServices.scheduler() as unknown as {
      factory(options: object): any;
      triggerTask(id: string): Promise<void>;
    };
    const { server } = await startTestBackend({
      features: [
        resourceProfilesPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        createBackendModule({
          pluginId: 'resource-profiles',
          moduleId: 'test-actuator',
          register(reg) {
            reg.registerInit({
              deps: { actuators: resourceProfilesActuatorExtensionPoint },
              async init({ actuators }) {
                actuators.setActuator(actuator);
              },
            });
          },
        }),
        mockServices.database.factory({ knex }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async (notification: NotificationSendOptions) => void sent.push(notification) }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
            return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(memberships.get(userEntityRef) ?? [])] };
          },
        }).factory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            resourceProfiles: {
              accounts: [{ id: '314159265358', environment: 'prod' }],
              sources: [
                { id: 'prod-iam', kind: 'aws-authorization-details', path: `${EXAMPLES}/aws/314159265358-authorization-details.json` },
              ],
            },
          },
        }),
      ],
    });
    const call = (method: 'get' | 'post', path: string, user: string, body?: object) => {
      const r = request(server)[method](`/api/resource-profiles${path}`).set('Authorization', mockCredentials.user.header(user));
      return body ? r.send(body) : r;
    };
    if (!options.knex) await call('post', '/sync', 'user:default/dana.whitfield');
    const runGrantsTask = () => scheduler.triggerTask('resource-profiles:grants');
    return { server, knex, actuator, call, runGrantsTask, sent };
  }

  const writeRequest = {
    entityRef: LEDGER,
    role: 'write',
    durationHours: 2,
    justification: 'Fix the reconciliation bug in the ledger',
  };

  it('needs two distinct approvers for write access to a prod resource, then grants it with an expiry', async () => {
    const { call, actuator, sent } = await start();
    const { justification: _unwritten, ...unjustified } = writeRequest;
    const preview = await call('post', '/access-requests/preview', GUEST, unjustified);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ mode: 'approvers', requiredApprovals: 2 });

    const created = await call('post', '/access-requests', GUEST, writeRequest);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'pending', requester: GUEST });
    expect(created.body.principalArns).toContain('arn:aws:iam::314159265358:role/payments-engineer');
    const id = created.body.id;

    const self = await call('post', `/access-requests/${id}/decisions`, GUEST, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/own request/);

    // Marcus acts as the same IAM role as the requester: the grant would reach him too.
    const sharedRole = await call('post', `/access-requests/${id}/decisions`, 'user:default/marcus.okafor', { decision: 'approve' });
    expect(sharedRole.status).toBe(403);
    expect(sharedRole.body.error.message).toMatch(/give you access too/);

    const toDecide = await call('get', '/access-requests?view=to-decide&state=pending', APPROVERS[0]);
    expect(toDecide.body.items.map((r: any) => r.id)).toContain(id);
    const first = await call('post', `/access-requests/${id}/decisions`, APPROVERS[0], { decision: 'approve' });
    expect(first.body.state).toBe('pending');
    const decided = await call('get', '/access-requests?view=to-decide', APPROVERS[0]);
    expect(decided.body.items.map((r: any) => r.id)).not.toContain(id);
    const again = await call('post', `/access-requests/${id}/decisions`, APPROVERS[0], { decision: 'approve' });
    expect(again.status).toBe(409);

    const second = await call('post', `/access-requests/${id}/decisions`, SOFIA, { decision: 'approve' });
    expect(second.status).toBe(200);
    expect(second.body.state).toBe('active');
    const expires = Date.parse(second.body.expiresAt) - Date.parse(second.body.activatedAt);
    expect(expires).toBe(2 * 3_600_000);
    expect(actuator.applied).toHaveLength(1);
    expect(actuator.applied[0]).toMatchObject({ requester: GUEST, role: { name: 'write' } });

    // Approvers heard of the request; the requester of each decision and of the grant.
    const to = (ref: string) =>
      sent.filter(n => n.recipients.type === 'entity' && ([] as string[]).concat(n.recipients.entityRef).includes(ref));
    expect(to('group:default/payments').map(n => n.payload.title)).toEqual([
      `${GUEST} requests write on ${LEDGER}`,
    ]);
    expect(to(GUEST).map(n => n.payload.title)).toEqual([
      `Your access request was approved by ${APPROVERS[0]}`,
      `Your access request was approved by ${SOFIA}`,
      expect.stringMatching(/^Your access to resource:default\/payments-ledger-db is active until /),
    ]);
  });

  it('extends an active grant from its end, with one open extension at a time', async () => {
    const { call, actuator } = await start();
    const { body: grant } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${grant.id}/decisions`, PRIYA, { decision: 'approve' });
    const active = await call('post', `/access-requests/${grant.id}/decisions`, SOFIA, { decision: 'approve' });
    expect(active.body.state).toBe('active');
    const extension = { ...writeRequest, justification: 'The reconciliation needs two more hours', extends: grant.id };

    const notTheirs = await call('post', '/access-requests', 'user:default/marcus.okafor', extension);
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.message).toMatch(/Only your own active grant of the same role/);
    expect((await call('post', '/access-requests', GUEST, { ...extension, role: 'read' })).status).toBe(400);

    // Five tabs racing to extend the same grant: the database records one.
    const racing = await Promise.all(Array.from({ length: 5 }, () => call('post', '/access-requests', GUEST, extension)));
    expect(racing.map(r => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const first = racing.find(r => r.status === 201)!.body;
    expect(first).toMatchObject({ state: 'pending', extends: grant.id });
    expect(racing.find(r => r.status === 409)!.body.error.message).toMatch(/already has an extension that is pending or active/);
    // The grant says it has an open extension, read alone or listed.
    expect((await call('get', `/access-requests/${grant.id}`, GUEST)).body.extendedBy).toEqual({ id: first.id, state: 'pending' });
    const mine = (await call('get', '/access-requests?view=mine', GUEST)).body.items;
    expect(mine.find((r: any) => r.id === grant.id).extendedBy).toEqual({ id: first.id, state: 'pending' });
    expect(mine.find((r: any) => r.id === first.id).extendedBy).toBeUndefined();

    // Cancelling it frees the grant for another extension, which is approved like any request.
    await call('post', `/access-requests/${first.id}/cancel`, GUEST);
    expect((await call('get', `/access-requests/${grant.id}`, GUEST)).body.extendedBy).toBeUndefined();
    const { body: next } = await call('post', '/access-requests', GUEST, extension);
    expect(next.state).toBe('pending');
    await call('post', `/access-requests/${next.id}/decisions`, PRIYA, { decision: 'approve' });
    const extended = await call('post', `/access-requests/${next.id}/decisions`, SOFIA, { decision: 'approve' });
    expect(extended.body.state).toBe('active');
    // The extension's window starts where the grant's ends.
    expect(Date.parse(extended.body.expiresAt)).toBe(Date.parse(active.body.expiresAt) + 2 * 3_600_000);
    expect(actuator.applied.map(g => g.requestId)).toEqual([grant.id, next.id]);

    // Ending the grant ends its extension too: otherwise the extension would keep the access.
    const ended = await call('post', `/access-requests/${grant.id}/revoke`, GUEST, { reason: 'Reconciliation done' });
    expect(ended.body.state).toBe('revoked');
    const after = await call('get', `/access-requests/${next.id}`, GUEST);
    expect(after.body).toMatchObject({ state: 'revoked', endReason: 'revoked' });
    expect(actuator.revoked.map(g => g.requestId).sort()).toEqual([grant.id, next.id].sort());
  });

  it('cancels a pending extension when its grant is ended early', async () => {
    const { call, knex } = await start();
    const { body: grant } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${grant.id}/decisions`, PRIYA, { decision: 'approve' });
    await call('post', `/access-requests/${grant.id}/decisions`, SOFIA, { decision: 'approve' });
    const { body: extension } = await call('post', '/access-requests', GUEST, {
      ...writeRequest,
      justification: 'The reconciliation needs two more hours',
      extends: grant.id,
    });
    expect(extension.state).toBe('pending');

    // The platform team (allowed the admin permission here) ends someone else's grant.
    const byPlatform = await call('post', `/access-requests/${grant.id}/revoke`, 'user:default/dana.whitfield', { reason: 'Incident closed' });
    expect(byPlatform.body.state).toBe('revoked');
    const after = await call('get', `/access-requests/${extension.id}`, GUEST);
    expect(after.body).toMatchObject({ state: 'cancelled', endReason: 'cancelled' });
    const cancelled = await knex('audit_events').where({ subject: extension.id, action: 'access-request.cancelled' }).first();
    expect(cancelled.actor).toBe('user:default/dana.whitfield');
    expect(JSON.parse(cancelled.details).reason).toMatch(/was ended: Incident closed/);
    // Nothing is left to approve.
    const late = await call('post', `/access-requests/${extension.id}/decisions`, PRIYA, { decision: 'approve' });
    expect(late.status).toBe(409);
  });

  it('takes back an extension the actuator was applying when its grant was ended', async () => {
    const { call, actuator, knex } = await start();
    const { body: grant } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${grant.id}/decisions`, PRIYA, { decision: 'approve' });
    await call('post', `/access-requests/${grant.id}/decisions`, SOFIA, { decision: 'approve' });
    const { body: extension } = await call('post', '/access-requests', GUEST, { ...writeRequest, justification: 'Two more hours', extends: grant.id });
    await call('post', `/access-requests/${extension.id}/decisions`, PRIYA, { decision: 'approve' });

    // The second approval starts the grant; IAM is slow, and the grant is ended meanwhile.
    const slow = actuator.holdNextApply();
    const approving = call('post', `/access-requests/${extension.id}/decisions`, SOFIA, { decision: 'approve' }).then(r => r);
    await slow.started;
    expect((await call('get', `/access-requests/${extension.id}`, GUEST)).body.state).toBe('approved');
    const ended = await call('post', `/access-requests/${grant.id}/revoke`, GUEST, { reason: 'Reconciliation done' });
    expect(ended.body.state).toBe('revoked');
    slow.release();
    const approved = await approving;

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: extension.id, state: 'cancelled', endReason: 'cancelled' });
    expect(actuator.applied.map(g => g.requestId)).toEqual([grant.id, extension.id]);
    expect(actuator.revoked.map(g => g.requestId).sort()).toEqual([grant.id, extension.id].sort());
    const actions = (await knex('audit_events').where({ subject: extension.id }).orderBy('seq')).map(e => e.action);
    expect(actions.slice(-2)).toEqual(['access-request.cancelled', 'access-request.withdrawn']);
  });

  it('cancels an extension waiting for a retry when its grant is ended, and never applies it', async () => {
    const { call, actuator, runGrantsTask, knex } = await start();
    const { body: grant } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${grant.id}/decisions`, PRIYA, { decision: 'approve' });
    await call('post', `/access-requests/${grant.id}/decisions`, SOFIA, { decision: 'approve' });
    const { body: extension } = await call('post', '/access-requests', GUEST, { ...writeRequest, justification: 'Two more hours', extends: grant.id });
    await call('post', `/access-requests/${extension.id}/decisions`, PRIYA, { decision: 'approve' });
    actuator.failures = 1;
    const failed = await call('post', `/access-requests/${extension.id}/decisions`, SOFIA, { decision: 'approve' });
    expect(failed.body.state).toBe('grant-failed');

    await call('post', `/access-requests/${grant.id}/revoke`, GUEST, { reason: 'Reconciliation done' });
    expect((await call('get', `/access-requests/${extension.id}`, GUEST)).body).toMatchObject({ state: 'cancelled', endReason: 'cancelled' });
    // The retry is due now; it finds nothing to apply.
    await knex('access_requests').where({ id: extension.id }).update({ next_attempt_at: new Date(Date.now() - 1000) });
    await runGrantsTask();
    expect(actuator.applied.map(g => g.requestId)).toEqual([grant.id]);
  });

  it('shows an SoD conflict the grant would create and requires an extra security approver', async () => {
    const { call, actuator } = await start();
    const conflicting = {
      entityRef: 'resource:default/iam-admin-console',
      role: 'assign',
      durationHours: 1,
      justification: 'Onboard the new payments contractors',
    };
    const preview = await call('post', '/access-requests/preview', 'user:default/provisioner', conflicting);
    expect(preview.body.requiresSecurityApproval).toBe(true);
    expect(preview.body.risks.map((r: any) => r.rule)).toContain('sod-conflict');
    expect(preview.body.approverGroups).toContain('group:default/security');

    const { body } = await call('post', '/access-requests', 'user:default/provisioner', conflicting);
    const byOwner = await call('post', `/access-requests/${body.id}/decisions`, 'user:default/identity-lead', { decision: 'approve' });
    expect(byOwner.body.state).toBe('pending');
    const bySecurity = await call('post', `/access-requests/${body.id}/decisions`, SOFIA, { decision: 'approve' });
    expect(bySecurity.body.state).toBe('active');
    expect(actuator.applied).toHaveLength(1);
  });

  it('rejects forged identities, unknown roles, too long grants and out-of-order transitions', async () => {
    const { call } = await start();
    const forged = await call('post', '/access-requests', GUEST, { ...writeRequest, requester: PRIYA });
    expect(forged.status).toBe(400);
    expect((await call('post', '/access-requests', GUEST, { ...writeRequest, role: 'root' })).status).toBe(400);
    expect((await call('post', '/access-requests', GUEST, { ...writeRequest, durationHours: 500 })).status).toBe(400);
    const unauthenticated = await request((await start()).server)
      .post('/api/resource-profiles/access-requests')
      .set('Authorization', mockCredentials.none.header())
      .send(writeRequest);
    expect(unauthenticated.status).toBe(401);

    const { body } = await call('post', '/access-requests', GUEST, writeRequest);
    expect((await call('post', `/access-requests/${body.id}/cancel`, PRIYA)).status).toBe(403);
    expect((await call('post', `/access-requests/${body.id}/cancel`, GUEST)).body.state).toBe('cancelled');
    expect((await call('post', `/access-requests/${body.id}/cancel`, GUEST)).status).toBe(409);
    const late = await call('post', `/access-requests/${body.id}/decisions`, APPROVERS[1], { decision: 'approve' });
    expect(late.status).toBe(409);
    const stale = await call('post', '/access-requests', GUEST, writeRequest);
    const staleVote = await call('post', `/access-requests/${stale.body.id}/decisions`, APPROVERS[1], { decision: 'approve', version: 99 });
    expect(staleVote.status).toBe(409);
  });

  it('grants exactly once when many approvers approve at the same time', async () => {
    const { call, actuator, knex } = await start();
    const { body } = await call('post', '/access-requests', GUEST, writeRequest);
    const votes = await Promise.all(
      [...APPROVERS, ...APPROVERS].map(approver =>
        call('post', `/access-requests/${body.id}/decisions`, approver, { decision: 'approve' }),
      ),
    );
    expect(votes.filter(v => v.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(votes.every(v => [200, 409].includes(v.status))).toBe(true);
    const decisions = await knex('access_decisions').where({ request_id: body.id });
    // Every recorded decision is by a distinct approver; the database refuses a second one.
    expect(new Set(decisions.map(d => d.approver)).size).toBe(decisions.length);
    expect(actuator.applied).toHaveLength(1);
    const granted = await knex('audit_events').where({ subject: body.id, action: 'access-request.granted' });
    expect(granted).toHaveLength(1);
    const approved = await knex('audit_events').where({ subject: body.id, action: 'access-request.approved' });
    expect(approved).toHaveLength(1);
  });

  it('retries a failing actuator until the grant is applied', async () => {
    const actuator = new CountingActuator(3);
    const { call, knex, runGrantsTask } = await start({ actuator });
    const { body } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${body.id}/decisions`, PRIYA, { decision: 'approve' });
    const afterApproval = await call('post', `/access-requests/${body.id}/decisions`, SOFIA, { decision: 'approve' });
    expect(afterApproval.body).toMatchObject({ state: 'grant-failed', lastError: 'IAM is throttling' });
    const row = await knex('access_requests').where({ id: body.id }).first();
    expect(row.next_attempt_at).not.toBeNull();
    for (let attempt = 0; attempt < 5; attempt++) {
      // Make the retry due now instead of after its backoff.
      await knex('access_requests').where({ id: body.id }).update({ next_attempt_at: new Date(Date.now() - 1000) });
      await runGrantsTask();
      const current = await call('get', `/access-requests/${body.id}`, GUEST);
      if (current.body.state === 'active') break;
    }
    const done = await call('get', `/access-requests/${body.id}`, GUEST);
    expect(done.body.state).toBe('active');
    expect(actuator.applied).toHaveLength(1);
    const failures = await knex('audit_events').where({ subject: body.id, action: 'access-request.grant-failed' });
    expect(failures).toHaveLength(3);
  });

  it('lets two backends sharing one database expire a batch of grants exactly once', async () => {
    const shared = new CountingActuator();
    const first = await start({ actuator: shared });
    const second = await start({ knex: first.knex, actuator: shared });
    const created: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { body } = await first.call('post', '/access-requests', GUEST, writeRequest);
      await first.call('post', `/access-requests/${body.id}/decisions`, PRIYA, { decision: 'approve' });
      await first.call('post', `/access-requests/${body.id}/decisions`, SOFIA, { decision: 'approve' });
      created.push(body.id);
    }
    await first.knex('access_requests').whereIn('id', created).update({ expires_at: new Date(Date.now() - 1000) });
    // Both backends run their scheduled grants task at the same time.
    await Promise.all([first.runGrantsTask(), second.runGrantsTask()]);
    const states = await first.knex('access_requests').whereIn('id', created).select('state');
    expect(states.every(s => s.state === 'expired')).toBe(true);
    expect(shared.revoked.map(g => g.requestId).sort()).toEqual([...created].sort());
    const expired = await first.knex('audit_events').whereIn('subject', created).where({ action: 'access-request.expired' });
    expect(expired).toHaveLength(created.length);
  });

  it('keeps a verifiable audit chain and detects a row changed by hand', async () => {
    const { call, knex } = await start();
    const { body } = await call('post', '/access-requests', GUEST, writeRequest);
    await call('post', `/access-requests/${body.id}/decisions`, PRIYA, { decision: 'deny', comment: 'Use the read role' });
    const verified = await call('get', '/audit/verify', SOFIA);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.checked).toBeGreaterThanOrEqual(3);

    const [target] = await knex('audit_events').where({ action: 'access-request.deny' });
    await knex('audit_events').where({ seq: target.seq }).update({ actor: 'user:default/someone-else' });
    const broken = await call('get', '/audit/verify', SOFIA);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: Number(target.seq) } });

    const csv = await call('get', '/audit/export?format=csv', SOFIA);
    expect(csv.text.split('\n')[0]).toBe('seq,at,actor,action,subject,details,prev_hash,hash');
  });
});
