import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { page, renderWithApi } from '../../__testUtils__/fixtures';
import {
  accessRequest,
  LEDGER_REF,
  ledgerProfile,
  priyaApproves,
  requirement,
} from './__testUtils__/requests';
import { EntityAccessRequestsCard } from './EntityAccessRequestsCard';
import { MyAccessRequests } from './MyAccessRequests';

const DETAILS = `Details of the request for write on ${LEDGER_REF}`;

/** A break-glass grant, active at once, that must be reviewed. */
const breakGlassGrant = accessRequest({
  state: 'active',
  breakGlass: true,
  requirement: requirement({ mode: 'break-glass', requiredApprovals: 0 }),
  activatedAt: '2026-11-22T10:00:05.000Z',
  expiresAt: '2099-11-22T12:00:05.000Z',
  review: { required: true },
});

/** Shows the requests on the entity's card and opens the first one's details. */
async function openDetails(...requests: AccessRequest[]) {
  renderWithApi(<EntityAccessRequestsCard />, {
    getAccessRequests: jest.fn().mockResolvedValue(page(requests)),
    getProfile: jest.fn().mockResolvedValue(ledgerProfile),
  });
  const [button] = await screen.findAllByRole('button', { name: DETAILS });
  await userEvent.click(button);
  return screen.getByRole('region', { name: DETAILS });
}

function timeline(details: HTMLElement): string[] {
  return within(details)
    .getAllByTestId('timeline-entry')
    .map(entry => entry.textContent ?? '');
}

const approvedGrant = accessRequest({
  state: 'active',
  ticket: 'CHG-2231',
  principalArns: [
    'arn:aws:iam::314159265358:role/payments-engineer',
    'arn:aws:iam::314159265358:user/guest',
  ],
  requirement: requirement({
    requiresSecurityApproval: true,
    risks: [
      {
        rule: 'sod-conflict',
        severity: 'high',
        title: 'Write the ledger and approve payouts',
      },
    ],
  }),
  // Listed out of order: the timeline orders them by time.
  decisions: [
    {
      ...priyaApproves,
      approver: 'user:default/sofia.alvarez',
      comment: 'Fine for the batch fix, watch the payouts',
      asSecurity: true,
      decidedAt: '2026-11-22T10:20:00.000Z',
    },
    priyaApproves,
  ],
  activatedAt: '2026-11-22T10:21:00.000Z',
  expiresAt: '2099-11-22T12:21:00.000Z',
});

describe('AccessRequestDetails', () => {
  it("opens a request's details beneath its row: why, for whom, the requirement and the decisions in order", async () => {
    const details = await openDetails(approvedGrant);
    const button = screen.getByRole('button', { name: DETAILS });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', details.closest('tr')!.id);

    expect(
      within(details).getByTestId('access-request-justification'),
    ).toHaveTextContent('Fix the stuck reconciliation batch');
    expect(details).toHaveTextContent('CHG-2231');
    expect(details).toHaveTextContent(
      'write: arn:aws:iam::314159265358:policy/payments-ledger-write',
    );
    expect(
      within(within(details).getByTestId('access-request-principals'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'arn:aws:iam::314159265358:role/payments-engineer',
      'arn:aws:iam::314159265358:user/guest',
    ]);
    expect(within(details).getByTestId('requirement-sentence')).toHaveTextContent(
      'Needs 2 distinct approvers from group:default/payments, group:default/security',
    );
    expect(within(details).getByTestId('requirement-security')).toBeInTheDocument();
    expect(within(details).getByTestId('grant-risk')).toHaveTextContent(
      'Write the ledger and approve payouts (sod-conflict, high)',
    );

    expect(timeline(details)).toEqual([
      '2026-11-22 10:00 UTC — Requested by user:default/guest for 2 h',
      '2026-11-22 10:05 UTC — Approved by user:default/priya.raman',
      '2026-11-22 10:20 UTC — Approved by user:default/sofia.alvarez as security“Fine for the batch fix, watch the payouts”',
      '2026-11-22 10:21 UTC — Granted until 2099-11-22 12:21 UTC',
    ]);
  });

  it('opens and closes from the keyboard', async () => {
    renderWithApi(<MyAccessRequests />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([approvedGrant])),
    });
    const button = await screen.findByRole('button', { name: DETAILS });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('region', { name: DETAILS })).not.toBeInTheDocument();

    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('region', { name: DETAILS })).toBeInTheDocument();

    await userEvent.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('region', { name: DETAILS })).not.toBeInTheDocument();
  });

  it('shows the deadline of a pending request last', async () => {
    const details = await openDetails(
      accessRequest({ decisions: [priyaApproves] }),
    );
    expect(timeline(details)).toEqual([
      '2026-11-22 10:00 UTC — Requested by user:default/guest for 2 h',
      '2026-11-22 10:05 UTC — Approved by user:default/priya.raman',
      '2026-11-23 10:00 UTC — Lapses unless enough approvers decide by then',
    ]);
  });

  it.each([
    ['lapsed', 'expired', 'Lapsed: not enough approvals in time'],
    ['sod-conflict', 'denied', 'Denied: the grant would create a separation-of-duties conflict'],
    ['cancelled', 'cancelled', 'Cancelled by the requester'],
  ] as const)(
    'says why an ended request ended: %s',
    async (endReason, state, words) => {
      const details = await openDetails(
        accessRequest({ state, endReason, endedAt: '2026-11-22T11:00:00.000Z' }),
      );
      expect(timeline(details)).toEqual([
        '2026-11-22 10:00 UTC — Requested by user:default/guest for 2 h',
        `2026-11-22 11:00 UTC — ${words}`,
      ]);
    },
  );

  it('tells the whole story of a break-glass grant: grant, expiry, review and the actuator error', async () => {
    const details = await openDetails(
      accessRequest({
        ...breakGlassGrant,
        state: 'expired',
        expiresAt: '2026-11-22T12:00:05.000Z',
        endedAt: '2026-11-22T12:00:30.000Z',
        review: {
          required: true,
          completedBy: 'user:default/sofia.alvarez',
          completedAt: '2026-11-22T13:00:00.000Z',
          notes: 'Incident INC-4711, access was needed',
        },
        lastError: 'AccessDenied: iam:DetachRolePolicy',
        attempts: 3,
      }),
    );
    expect(within(details).getByTestId('requirement-sentence')).toHaveTextContent(
      /^Break-glass: access starts immediately/,
    );
    expect(timeline(details)).toEqual([
      '2026-11-22 10:00 UTC — Requested by user:default/guest as break-glass for 2 h',
      '2026-11-22 10:00 UTC — Granted until 2026-11-22 12:00 UTC',
      '2026-11-22 12:00 UTC — Expired',
      '2026-11-22 13:00 UTC — Review completed by user:default/sofia.alvarez“Incident INC-4711, access was needed”',
      'Last actuator error after 3 attempts: AccessDenied: iam:DetachRolePolicy',
    ]);
  });

  it('says when a break-glass review is still to be done', async () => {
    const details = await openDetails(breakGlassGrant);
    expect(timeline(details).at(-1)).toBe(
      'Review pending: someone other than the requester must review this break-glass access',
    );
  });
});
