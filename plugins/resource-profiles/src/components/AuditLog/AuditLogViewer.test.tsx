import { AuditEvent } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  page,
  renderWithApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { AuditLogViewer } from './AuditLogViewer';

function event(seq: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq,
    at: '2026-11-22T10:00:00.000Z',
    actor: 'user:default/guest',
    action: 'access-request.created',
    subject: 'req-1',
    details: { role: 'write', durationHours: 2 },
    prevHash: `prev-${seq}`,
    hash: `hash-${seq}`,
    ...overrides,
  };
}

const events = page([
  event(2, {
    actor: 'user:default/priya.raman',
    action: 'access-request.approved',
  }),
  event(1),
]);

describe('AuditLogViewer', () => {
  it('shows the events and a verified chain in green', async () => {
    const getAuditEvents = jest.fn().mockResolvedValue(events);
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents,
      verifyAuditTrail: jest.fn().mockResolvedValue({ ok: true, checked: 12 }),
    });
    expect(
      await screen.findByText('Chain verified: 12 events'),
    ).toBeInTheDocument();
    expect(
      screen
        .getByTestId('audit-verification')
        .querySelector('.MuiAlert-standardSuccess'),
    ).not.toBeNull();
    const rows = await screen.findAllByTestId('audit-event');
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByText('user:default/priya.raman'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('access-request.approved'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('2026-11-22 10:00 UTC'),
    ).toBeInTheDocument();
    expect(getAuditEvents).toHaveBeenCalledWith({
      subject: undefined,
      offset: 0,
      limit: 25,
    });
  });

  it('expands an event to its details and hashes', async () => {
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents: jest.fn().mockResolvedValue(events),
      verifyAuditTrail: jest.fn().mockResolvedValue({ ok: true, checked: 2 }),
    });
    const toggle = await screen.findByRole('button', {
      name: 'Show details of event #1',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(
      screen.getByRole('button', { name: 'Hide details of event #1' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/"durationHours": 2/)).toBeInTheDocument();
    expect(screen.getByText('hash-1')).toBeInTheDocument();
  });

  it('shows where a broken chain breaks, in red', async () => {
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents: jest.fn().mockResolvedValue(events),
      verifyAuditTrail: jest.fn().mockResolvedValue({
        ok: false,
        checked: 7,
        firstBroken: { seq: 7, reason: 'hash does not match the row' },
      }),
    });
    expect(
      await screen.findByText(
        /Broken at event #7: hash does not match the row/,
      ),
    ).toBeInTheDocument();
    expect(
      screen
        .getByTestId('audit-verification')
        .querySelector('.MuiAlert-standardError'),
    ).not.toBeNull();
  });

  it('verifies again on request', async () => {
    const verifyAuditTrail = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(403, 'Only auditors may verify'),
      )
      .mockResolvedValue({ ok: true, checked: 1 });
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents: jest.fn().mockResolvedValue(page([event(1)])),
      verifyAuditTrail,
    });
    expect(
      await screen.findByText(
        /Could not verify the audit chain: Only auditors may verify/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Verify again' }));
    expect(
      await screen.findByText('Chain verified: 1 event'),
    ).toBeInTheDocument();
  });

  it('filters by subject and exports CSV and JSON', async () => {
    const getAuditEvents = jest.fn().mockResolvedValue(events);
    const exportAuditTrail = jest.fn().mockResolvedValue('seq,at\n1,2026');
    const createObjectURL = jest.fn().mockReturnValue('blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents,
      exportAuditTrail,
      verifyAuditTrail: jest.fn().mockResolvedValue({ ok: true, checked: 2 }),
    });
    await userEvent.type(await screen.findByLabelText('Subject'), 'req-9');
    await waitFor(() =>
      expect(getAuditEvents).toHaveBeenLastCalledWith({
        subject: 'req-9',
        offset: 0,
        limit: 25,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(exportAuditTrail).toHaveBeenCalledTimes(2));
    expect(exportAuditTrail.mock.calls).toEqual([['csv'], ['json']]);
    expect(createObjectURL).toHaveBeenCalledTimes(2);
  });

  it('says so when the trail is empty', async () => {
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents: jest.fn().mockResolvedValue(page([])),
      verifyAuditTrail: jest.fn().mockResolvedValue({ ok: true, checked: 0 }),
    });
    expect(await screen.findByTestId('audit-empty')).toHaveTextContent(
      'The audit trail is empty.',
    );
  });

  it('shows the error when the events cannot be loaded', async () => {
    renderWithApi(<AuditLogViewer />, {
      getAuditEvents: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'Auditors only')),
      verifyAuditTrail: jest.fn().mockResolvedValue({ ok: true, checked: 0 }),
    });
    expect(
      (await screen.findAllByText(/Auditors only/)).length,
    ).toBeGreaterThan(0);
  });
});
