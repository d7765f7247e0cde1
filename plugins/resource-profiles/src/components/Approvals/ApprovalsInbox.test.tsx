import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  page,
  renderWithApi,
  responseError,
} from '../../__testUtils__/fixtures';
import {
  fill,
  accessRequest,
  requirement,
} from '../AccessRequests/__testUtils__/requests';
import { resourceProfilesApiRef } from '../../api';
import { ApprovalsInbox } from './ApprovalsInbox';

const pending = accessRequest({
  version: 3,
  requirement: requirement({
    requiresSecurityApproval: true,
    risks: [
      {
        rule: 'privilege-escalation',
        method: 'AttachRolePolicy',
        severity: 'critical',
        title: 'payments-engineer could attach any policy to itself',
      },
    ],
  }),
  decisions: [
    {
      approver: 'user:default/marcus.okafor',
      decision: 'approve',
      asSecurity: false,
      decidedAt: '2026-11-22T10:05:00.000Z',
    },
  ],
});

describe('ApprovalsInbox', () => {
  it('shows each pending request with its context and SoD risks', async () => {
    const getAccessRequests = jest.fn().mockResolvedValue(page([pending]));
    renderWithApi(<ApprovalsInbox />, { getAccessRequests });
    const card = await screen.findByTestId('pending-request');
    expect(
      within(card).getByText(/user:default\/guest requests/),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('link', { name: /payments-ledger-db/ }),
    ).toBeInTheDocument();
    expect(within(card).getByText('2 h')).toBeInTheDocument();
    expect(within(card).getByText('INC-4711')).toBeInTheDocument();
    expect(
      within(card).getByText('Fix the stuck reconciliation batch'),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('approval-progress')).toHaveTextContent(
      '1 of 3 approvals, security approval pending',
    );
    expect(
      within(card).getByText(/user:default\/marcus.okafor/),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('grant-risk')).toHaveTextContent(
      'payments-engineer could attach any policy to itself (privilege-escalation: AttachRolePolicy, critical)',
    );
    expect(screen.getByText('Approvals (1 pending)')).toBeInTheDocument();
    expect(getAccessRequests).toHaveBeenCalledWith({
      view: 'to-decide',
      offset: 0,
      limit: 10,
    });
  });

  it('approves with a comment and the version it saw, then reloads', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([pending]))
      .mockResolvedValue(page([]));
    const decideAccessRequest = jest
      .fn()
      .mockResolvedValue({ ...pending, state: 'active', version: 4 });
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests,
      decideAccessRequest,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /^Approve write/ }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve request',
    });
    await fill(within(dialog).getByLabelText(/Comment/), 'Matches INC-4711');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(decideAccessRequest).toHaveBeenCalledWith('req-1', {
        decision: 'approve',
        comment: 'Matches INC-4711',
        version: 3,
      }),
    );
    expect(
      await screen.findByText(
        /Approved user:default\/guest's request for write .* it is active now\./,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('approvals-empty')).toBeInTheDocument();
  });

  it('denies without a comment', async () => {
    const decideAccessRequest = jest
      .fn()
      .mockResolvedValue({ ...pending, state: 'denied' });
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([pending])),
      decideAccessRequest,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /^Deny write/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Deny request' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    await waitFor(() =>
      expect(decideAccessRequest).toHaveBeenCalledWith('req-1', {
        decision: 'deny',
        version: 3,
      }),
    );
  });

  it("shows the server's refusal, e.g. of a self-approval", async () => {
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([pending])),
      decideAccessRequest: jest
        .fn()
        .mockRejectedValue(
          await responseError(400, 'You cannot approve your own request'),
        ),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /^Approve write/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You cannot approve your own request',
    );
  });

  it('reloads on a stale version and decides again with the new one', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([pending]))
      .mockResolvedValue(page([{ ...pending, version: 5 }]));
    const decideAccessRequest = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(409, 'The request changed; reload it'),
      )
      .mockResolvedValue({ ...pending, version: 6 });
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests,
      decideAccessRequest,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /^Approve write/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The request changed; reload it The request has been reloaded',
    );
    await waitFor(() => expect(getAccessRequests).toHaveBeenCalledTimes(2));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(decideAccessRequest).toHaveBeenLastCalledWith('req-1', {
        decision: 'approve',
        version: 5,
      }),
    );
  });

  it('shows my own decision instead of the buttons while others still have to decide', async () => {
    const mine = {
      ...pending,
      decisions: [
        {
          approver: 'user:default/priya.raman',
          decision: 'approve' as const,
          asSecurity: false,
          decidedAt: '2026-11-22T10:05:00.000Z',
        },
      ],
    };
    await renderInTestApp(<ApprovalsInbox />, {
      apis: [
        [
          resourceProfilesApiRef,
          { getAccessRequests: jest.fn().mockResolvedValue(page([mine])) },
        ],
        mockApis.identity({ userEntityRef: 'user:default/priya.raman' }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByTestId('my-decision')).toHaveTextContent(
      'You approved this request on 2026-11-22 10:05 UTC',
    );
    expect(
      screen.queryByRole('button', { name: /^Approve write/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when there is nothing to decide', async () => {
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([])),
    });
    expect(await screen.findByTestId('approvals-empty')).toHaveTextContent(
      'Nothing to decide',
    );
  });

  it('shows the error when the inbox cannot be loaded', async () => {
    renderWithApi(<ApprovalsInbox />, {
      getAccessRequests: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'Not allowed')),
    });
    expect((await screen.findAllByText(/Not allowed/)).length).toBeGreaterThan(
      0,
    );
  });
});
