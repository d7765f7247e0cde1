import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  DashboardAggregates,
  Page,
  ResourceProfilesApi,
  RoleMappingEntry,
  Violation,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactElement } from 'react';
// See useDashboardState: react-router-dom is the app's router.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { useLocation } from 'react-router-dom';
import { resourceProfilesApiRef } from '../api';

export const ledgerEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-ledger-db', namespace: 'default' },
  spec: { type: 'rds-instance', owner: 'group:default/payments' },
};

export const LEDGER_ARN = 'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db';

export function roleMapping(overrides: Partial<RoleMappingEntry> = {}): RoleMappingEntry {
  return {
    resourceArn: LEDGER_ARN,
    accountId: '314159265358',
    principalArn: 'arn:aws:iam::314159265358:role/payments-engineer',
    principalName: 'payments-engineer',
    principalType: 'role',
    accessLevel: 'Read',
    path: { kind: 'direct', via: [] },
    conditional: false,
    actionCount: 3,
    sampleActions: ['rds:DescribeDBInstances', 'rds-db:connect'],
    ...overrides,
  };
}

export function violation(overrides: Partial<Violation> = {}): Violation {
  return {
    id: 'f-1',
    rule: 'privilege-escalation',
    method: 'PassExistingRoleToNewLambdaThenInvoke',
    severity: 'high',
    title: 'data-platform-engineer can escalate through a new Lambda function',
    principal: {
      arn: 'arn:aws:iam::314159265358:role/data-platform-engineer',
      name: 'data-platform-engineer',
      type: 'role',
    },
    resources: ['*'],
    entityRefs: ['resource:default/payments-ledger-db'],
    owner: 'group:default/data-platform',
    environment: 'prod',
    evidence: {
      policies: [
        {
          policyArn: 'arn:aws:iam::314159265358:policy/data-platform-lambda',
          policyName: 'data-platform-lambda',
          holderArn: 'arn:aws:iam::314159265358:role/data-platform-engineer',
          statementIndex: 2,
          matchedActions: ['iam:PassRole', 'lambda:CreateFunction'],
          resource: '*',
        },
      ],
      chain: [
        'arn:aws:iam::314159265358:role/growth-poweruser',
        'arn:aws:iam::314159265358:role/platform-admin',
      ],
    },
    remediation: 'Scope iam:PassRole to the roles the pipeline needs.',
    conditional: false,
    status: 'open',
    firstSeenAt: '2026-11-20T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

export function page<T>(items: T[], totalCount = items.length, offset = 0, limit = 10): Page<T> {
  return { items, totalCount, offset, limit };
}

export const aggregates: DashboardAggregates = {
  total: 42,
  bySeverity: { critical: 3, high: 17, medium: 20, low: 2 },
  byRule: [
    { rule: 'privilege-escalation', count: 25 },
    { rule: 'sod-conflict', count: 17 },
  ],
  byOwner: [
    { owner: 'group:default/payments', count: 30 },
    { owner: null, count: 12 },
  ],
  trend: [
    { snapshotId: 1, createdAt: '2026-11-20T00:00:00.000Z', total: 50, bySeverity: { critical: 5, high: 20, medium: 23, low: 2 } },
    { snapshotId: 2, createdAt: '2026-11-22T00:00:00.000Z', total: 42, bySeverity: { critical: 3, high: 17, medium: 20, low: 2 } },
  ],
};

/** A ResponseError as the client throws it for a failed response. */
export function responseError(status: number, message: string): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name: status === 403 ? 'NotAllowedError' : 'InputError', message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: status === 403 ? 'Forbidden' : 'Bad Request',
    url: 'http://localhost:7007/api/resource-profiles',
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
    text: async () => body,
  } as unknown as Parameters<typeof ResponseError.fromResponse>[0]);
}

/** Shows the current URL's query string, for asserting on shared links. */
export function LocationDisplay() {
  const location = useLocation();
  return <div data-testid="location-search">{location.search}</div>;
}

/** Renders a component on the ledger entity's page with a fake API. */
export function renderWithApi(
  element: ReactElement,
  api: Partial<ResourceProfilesApi>,
  options: { entity?: Entity; initialRouteEntries?: string[]; permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? ledgerEntity}>{element}</EntityProvider>,
    {
      apis: [
        [resourceProfilesApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: options.permission ?? AuthorizeResult.ALLOW })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.initialRouteEntries,
    },
  );
}
