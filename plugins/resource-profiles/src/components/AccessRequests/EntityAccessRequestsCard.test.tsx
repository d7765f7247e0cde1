import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  page,
  renderWithApi,
  responseError,
} from '../../__testUtils__/fixtures';
import {
  actionLabels,
  fill,
  accessRequest,
  LEDGER_REF,
  ledgerProfile,
  requirement,
} from './__testUtils__/requests';
import { EntityAccessRequestsCard } from './EntityAccessRequestsCard';
import { MyAccessRequests } from './MyAccessRequests';

const inAnHour = () =>
  new Date(Date.now() + 60 * 60 * 1000 + 30_000).toISOString();

describe('EntityAccessRequestsCard', () => {
  it("lists the user's requests for the entity with state, approvals and time left", async () => {
    const getAccessRequests = jest.fn().mockResolvedValue(
      page([
        accessRequest({
          decisions: [
            {
              approver: 'user:default/priya.raman',
              decision: 'approve',
              asSecurity: false,
              decidedAt: '2026-11-22T10:05:00.000Z',
            },
          ],
        }),
        accessRequest({
          id: 'req-2',
          role: { name: 'read', target: 'x' },
          state: 'active',
          expiresAt: inAnHour(),
        }),
        accessRequest({
          id: 'req-3',
          state: 'grant-failed',
          lastError: 'AccessDenied: iam:AttachRolePolicy',
        }),
      ]),
    );
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests,
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
    });
    const rows = await screen.findAllByTestId('access-request-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('pending')).toBeInTheDocument();
    expect(within(rows[0]).getByTestId('approval-progress')).toHaveTextContent(
      '1 of 2 approvals',
    );
    expect(
      within(rows[0]).getByRole('button', { name: /Cancel request for write/ }),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('active')).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('time-left')).toHaveTextContent(
      /^1 h 0 min left$/,
    );
    expect(actionLabels(rows[1])).toEqual(['Extend', 'End access']);
    expect(screen.getByTestId('access-request-error')).toHaveTextContent(
      'The grant could not be applied and is being retried: AccessDenied: iam:AttachRolePolicy',
    );
    expect(getAccessRequests).toHaveBeenCalledWith({
      view: 'mine',
      entityRef: LEDGER_REF,
      offset: 0,
      limit: 10,
    });
  });

  it('cancels a pending request and reloads', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([accessRequest()]))
      .mockResolvedValue(
        page([
          accessRequest({
            state: 'cancelled',
            endedAt: '2026-11-22T11:00:00.000Z',
          }),
        ]),
      );
    const cancelAccessRequest = jest
      .fn()
      .mockResolvedValue(accessRequest({ state: 'cancelled' }));
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests,
      cancelAccessRequest,
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Cancel request for write/ }),
    );
    expect(cancelAccessRequest).toHaveBeenCalledWith('req-1');
    expect(await screen.findByText('cancelled')).toBeInTheDocument();
    expect(screen.getByText('Ended 2026-11-22 11:00 UTC')).toBeInTheDocument();
  });

  it('ends an active grant early with a reason, and says why the server refused', async () => {
    const active = accessRequest({ id: 'req-2', state: 'active', expiresAt: inAnHour() });
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([active]))
      .mockResolvedValue(
        page([accessRequest({ id: 'req-2', state: 'revoked', endedAt: '2026-11-22T11:00:00.000Z' })]),
      );
    const revokeAccessRequest = jest
      .fn()
      .mockRejectedValueOnce(await responseError(409, 'The grant already ended'))
      .mockResolvedValue(accessRequest({ id: 'req-2', state: 'revoked' }));
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests,
      revokeAccessRequest,
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /End access to write/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'End access now' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'End access' }));
    expect(await within(dialog).findByText('Say why the access ends early.')).toBeInTheDocument();
    expect(revokeAccessRequest).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Migration finished early');
    await userEvent.click(within(dialog).getByRole('button', { name: 'End access' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The grant already ended');
    await userEvent.click(within(dialog).getByRole('button', { name: 'End access' }));
    expect(revokeAccessRequest).toHaveBeenLastCalledWith('req-2', 'Migration finished early');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('revoked')).toBeInTheDocument();
  });

  it('shows why a cancel failed', async () => {
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([accessRequest()])),
      cancelAccessRequest: jest
        .fn()
        .mockRejectedValue(
          await responseError(409, 'The request is already approved'),
        ),
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Cancel request for write/ }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not cancel the request: The request is already approved',
    );
  });

  it('opens the request dialog and shows the new request', async () => {
    const created = accessRequest();
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([]))
      .mockResolvedValue(page([created]));
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests,
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
      previewAccessRequest: jest.fn().mockResolvedValue(requirement()),
      createAccessRequest: jest.fn().mockResolvedValue(created),
    });
    expect(
      await screen.findByTestId('access-requests-empty'),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = await screen.findByRole('dialog');
    await fill(
      within(dialog).getByLabelText(/Justification/),
      'Fix the stuck batch',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit request' }),
    );
    expect(
      await screen.findByText(
        'Request sent for write: 0 of 2 approvals so far.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(await screen.findByTestId('access-request-row')).toBeInTheDocument();
  });

  it('has no request button when the profile has no requestable roles', async () => {
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([])),
      getProfile: jest
        .fn()
        .mockResolvedValue({ ...ledgerProfile, requestableRoles: [] }),
    });
    expect(
      await screen.findByTestId('access-requests-empty'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request access' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the requests cannot be loaded', async () => {
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests: jest.fn().mockRejectedValue(new Error('backend down')),
      getProfile: jest.fn().mockResolvedValue(ledgerProfile),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});

describe('MyAccessRequests', () => {
  it('lists requests across resources with a link to each', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValue(page([accessRequest()]));
    renderWithApi(<MyAccessRequests />, { getAccessRequests });
    const row = await screen.findByTestId('access-request-row');
    expect(
      within(row).getByRole('link', { name: /payments-ledger-db/ }),
    ).toBeInTheDocument();
    expect(getAccessRequests).toHaveBeenCalledWith({
      view: 'mine',
      offset: 0,
      limit: 10,
    });
  });

  it('says so when there are none', async () => {
    renderWithApi(<MyAccessRequests />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([])),
    });
    expect(await screen.findByTestId('my-requests-empty')).toBeInTheDocument();
  });
});
