import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ResourceProfile,
  ResourceProfilesApi,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { screen } from '@testing-library/react';
import { resourceProfilesApiRef } from '../../api';
import { ResourceProfileCard } from './ResourceProfileCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-ledger-db', namespace: 'default' },
  spec: { type: 'rds-instance', owner: 'group:default/payments' },
};

const profile: ResourceProfile = {
  entityRef: 'resource:default/payments-ledger-db',
  owner: 'group:default/payments',
  system: 'system:default/payments-core',
  environment: 'prod',
  dataClassification: 'restricted',
  complianceScopes: ['SOC2', 'PCI-DSS'],
  lastReviewedAt: '2026-05-01T00:00:00.000Z',
  reviewIntervalDays: 90,
  reviewDueAt: '2026-07-30T00:00:00.000Z',
  reviewOverdue: true,
  requestableRoles: [{ name: 'read', target: 'arn:aws:iam::1:policy/read' }],
  maxGrantDurationHours: 4,
  approvalPolicy: { mode: 'approvers', requiredApprovals: 2 },
  approverGroups: ['group:default/security'],
  breakGlassAllowed: true,
  warnings: [],
  sources: {},
  resolvedAt: '2026-11-22T00:00:00.000Z',
};

function render(api: Partial<ResourceProfilesApi>, variant: 'summary' | 'full') {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ResourceProfileCard variant={variant} />
    </EntityProvider>,
    {
      apis: [[resourceProfilesApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ResourceProfileCard', () => {
  it('shows owner, classification, scopes and an overdue review', async () => {
    const getProfile = jest.fn().mockResolvedValue(profile);
    render({ getProfile }, 'full');
    expect(await screen.findByText('Resource profile')).toBeInTheDocument();
    expect(await screen.findByTestId('data-classification')).toHaveTextContent('restricted');
    expect(screen.getByText('SOC2, PCI-DSS')).toBeInTheDocument();
    expect(screen.getByTestId('review-overdue')).toBeInTheDocument();
    expect(screen.getByText('2 distinct approvers')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments-core' })).toBeInTheDocument();
    expect(getProfile).toHaveBeenCalledWith('resource:default/payments-ledger-db');
  });

  it('leaves the workflow details out of the summary', async () => {
    render({ getProfile: jest.fn().mockResolvedValue(profile) }, 'summary');
    expect(await screen.findByTestId('data-classification')).toBeInTheDocument();
    expect(screen.queryByText('2 distinct approvers')).not.toBeInTheDocument();
  });

  it('counts the open violations in the summary', async () => {
    const getViolations = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 3, offset: 0, limit: 1 });
    render({ getProfile: jest.fn().mockResolvedValue(profile), getViolations }, 'summary');
    expect(await screen.findByTestId('open-violations-count')).toHaveTextContent(
      '3 open violations',
    );
    expect(getViolations).toHaveBeenCalledWith({
      entityRef: 'resource:default/payments-ledger-db',
      status: ['open'],
      limit: 1,
    });
  });

  it('says so when the entity has no profile', async () => {
    render({ getProfile: jest.fn().mockResolvedValue(undefined) }, 'full');
    expect(await screen.findByText('This entity has no resource profile.')).toBeInTheDocument();
  });

  it('shows the error when loading fails', async () => {
    render({ getProfile: jest.fn().mockRejectedValue(new Error('backend down')) }, 'full');
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(0);
  });
});
