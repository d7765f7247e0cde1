import { SyncStatus } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi, responseError } from '../../__testUtils__/fixtures';
import { SyncStatusContent } from './SyncStatusContent';

const status: SyncStatus = {
  sources: [
    {
      id: 'aws-prod',
      kind: 'file',
      target: 'examples/aws/314159265358-authorization-details.json',
      status: 'succeeded',
      lastRunAt: '2026-11-22T10:00:00.000Z',
      lastSuccessAt: '2026-11-22T10:00:00.000Z',
      durationMs: 1840,
      counts: { principals: 43, policies: 61, resources: 38 },
    },
    {
      id: 'terraform-payments',
      kind: 'url',
      target: 'https://git.example.com/payments.tfstate',
      status: 'failed',
      lastRunAt: '2026-11-22T10:00:00.000Z',
      lastSuccessAt: '2026-11-21T10:00:00.000Z',
      durationMs: 120,
      error: 'Unexpected token } in JSON at position 812; kept the previous snapshot',
    },
  ],
  lastSnapshot: { id: 7, createdAt: '2026-11-22T10:00:02.000Z', stats: { findings: 31 } },
};

describe('SyncStatusContent', () => {
  it('shows each source with its last run, duration, counts and error', async () => {
    renderWithApi(<SyncStatusContent />, {
      getSyncStatus: jest.fn().mockResolvedValue(status),
    });
    const rows = await screen.findAllByTestId('sync-source');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('succeeded')).toBeInTheDocument();
    expect(within(rows[0]).getAllByText('2026-11-22 10:00 UTC')).toHaveLength(2);
    expect(within(rows[1]).getByText('2026-11-21 10:00 UTC')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1.8 s')).toBeInTheDocument();
    expect(within(rows[0]).getByText('43 principals, 61 policies, 38 resources')).toBeInTheDocument();
    expect(within(rows[1]).getByText('failed')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/Unexpected token/)).toBeInTheDocument();
    expect(screen.getByTestId('last-snapshot')).toHaveTextContent('Snapshot #7 from 2026-11-22 10:00 UTC: 31 findings');
  });

  it('tells a user outside the platform team that they cannot start a sync', async () => {
    const triggerSync = jest
      .fn()
      .mockRejectedValue(await responseError(403, 'not allowed'));
    renderWithApi(<SyncStatusContent />, {
      getSyncStatus: jest.fn().mockResolvedValue(status),
      triggerSync,
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only the platform team can start a sync.',
    );
    expect(triggerSync).toHaveBeenCalledTimes(1);
  });

  it('starts a sync and reloads the status', async () => {
    const getSyncStatus = jest.fn().mockResolvedValue(status);
    renderWithApi(<SyncStatusContent />, {
      getSyncStatus,
      triggerSync: jest.fn().mockResolvedValue(undefined),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText('Sync started.')).toBeInTheDocument();
    await waitFor(() => expect(getSyncStatus).toHaveBeenCalledTimes(2));
  });

  it('shows the error when the status cannot be read', async () => {
    renderWithApi(<SyncStatusContent />, {
      getSyncStatus: jest.fn().mockRejectedValue(await responseError(403, 'You may not read the sync status')),
    });
    expect((await screen.findAllByText(/You may not read the sync status/)).length).toBeGreaterThan(0);
  });
});
