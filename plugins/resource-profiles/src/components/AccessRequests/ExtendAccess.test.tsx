import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  page,
  renderWithApi,
  responseError,
} from '../../__testUtils__/fixtures';
import {
  accessRequest,
  actionLabels,
  fill,
  LEDGER_REF,
  ledgerProfile,
  requirement,
  breakGlassAwarePreview,
} from './__testUtils__/requests';
import { AccessRequestsTable } from './AccessRequestsTable';
import { EntityAccessRequestsCard } from './EntityAccessRequestsCard';
import { PREVIEW_JUSTIFICATION } from './RequestAccessDialog';

/** An active grant of write, ending 2026-11-22 14:05 UTC, and its extension. */
const grant = accessRequest({
  id: 'req-2',
  state: 'active',
  expiresAt: '2026-11-22T14:05:00.000Z',
});
const extension = accessRequest({ id: 'req-3', extends: 'req-2' });

async function openExtendDialog() {
  await userEvent.click(
    await screen.findByRole('button', {
      name: `Extend access to write on ${LEDGER_REF}`,
    }),
  );
  return screen.findByRole('dialog', { name: 'Extend access' });
}

describe('Extending an active grant', () => {
  it('is offered on active grants only, next to End access', async () => {
    renderWithApi(
      <AccessRequestsTable
        requests={[
          accessRequest({ id: 'req-1' }),
          grant,
          accessRequest({ id: 'req-4', state: 'approved' }),
          accessRequest({ id: 'req-5', state: 'expired' }),
        ]}
        onChanged={jest.fn()}
      />,
      {},
    );
    const rows = await screen.findAllByTestId('access-request-row');
    expect(rows.map(actionLabels)).toEqual([['Cancel'], ['Extend', 'End access'], [], []]);
  });

  it('is not offered again while the grant has an open extension, which says where it stands', async () => {
    renderWithApi(
      <AccessRequestsTable
        requests={[
          { ...grant, extendedBy: { id: 'req-3', state: 'pending' } },
          accessRequest({ id: 'req-6', state: 'active', extendedBy: { id: 'req-7', state: 'active' } }),
        ]}
        onChanged={jest.fn()}
      />,
      {},
    );
    const rows = await screen.findAllByTestId('access-request-row');
    expect(rows.map(actionLabels)).toEqual([['End access'], ['End access']]);
    expect(rows.map(row => within(row).getByTestId('extension-status').textContent)).toEqual(['Extension awaiting approval', 'Extended']);
  });

  it('fixes the role, previews the policy and sends `extends` with the grant id', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([grant]))
      .mockResolvedValue(page([extension, grant]));
    const previewAccessRequest = jest.fn().mockResolvedValue(requirement());
    const createAccessRequest = jest.fn().mockResolvedValue(extension);
    const getProfile = jest.fn().mockResolvedValue(ledgerProfile);
    renderWithApi(<EntityAccessRequestsCard />, {
      getAccessRequests,
      getProfile,
      previewAccessRequest,
      createAccessRequest,
    });
    const dialog = await openExtendDialog();
    expect(dialog).toHaveTextContent(
      `Extends your write access to ${LEDGER_REF}, which ends 2026-11-22 14:05 UTC. The extension starts then`,
    );
    const role = await within(dialog).findByLabelText(/Role/);
    expect(role).toHaveValue('write');
    expect(role).toHaveAttribute('readonly');
    expect(within(dialog).queryByRole('combobox')).not.toBeInTheDocument();
    expect(getProfile).toHaveBeenCalledWith(LEDGER_REF);

    expect(
      await within(dialog).findByTestId('requirement-sentence'),
    ).toHaveTextContent('Needs 2 distinct approvers');
    expect(previewAccessRequest).toHaveBeenLastCalledWith({
      entityRef: LEDGER_REF,
      role: 'write',
      durationHours: 4,
      justification: PREVIEW_JUSTIFICATION,
      extends: 'req-2',
    });

    const duration = within(dialog).getByLabelText(/Duration \(hours\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '2');
    await fill(
      within(dialog).getByLabelText(/Justification/),
      'The migration needs two more hours',
    );
    await userEvent.type(within(dialog).getByLabelText(/Ticket/), 'CHG-77');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request extension' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(createAccessRequest).toHaveBeenCalledWith({
      entityRef: LEDGER_REF,
      role: 'write',
      durationHours: 2,
      justification: 'The migration needs two more hours',
      ticket: 'CHG-77',
      extends: 'req-2',
    });

    // The table reloads and shows the extension with what it extends.
    const rows = await screen.findAllByTestId('access-request-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('pending')).toBeInTheDocument();
    expect(within(rows[0]).getByTestId('extends-note')).toHaveTextContent(
      'Extends the grant ending 2026-11-22 14:05 UTC',
    );
  });

  it('says that break-glass extends the grant at once, and sends it with `extends`', async () => {
    const previewAccessRequest = breakGlassAwarePreview();
    const createAccessRequest = jest
      .fn()
      .mockResolvedValue({ ...extension, breakGlass: true, state: 'active' });
    renderWithApi(
      <AccessRequestsTable requests={[grant]} onChanged={jest.fn()} />,
      {
        getProfile: jest.fn().mockResolvedValue(ledgerProfile),
        previewAccessRequest,
        createAccessRequest,
      },
    );
    const dialog = await openExtendDialog();
    expect(
      await within(dialog).findByText(/^Break-glass extends the grant at once/),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText(/activates the access immediately/),
    ).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText(/Break-glass/));
    expect(
      await within(dialog).findByText(
        /^Break-glass: the grant is extended at once/,
      ),
    ).toHaveAttribute('data-testid', 'requirement-sentence');
    await fill(
      within(dialog).getByLabelText(/Justification/),
      'Ledger outage, P1 incident',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Activate break-glass' }),
    );
    await waitFor(() =>
      expect(createAccessRequest).toHaveBeenCalledWith(
        expect.objectContaining({ breakGlass: true, extends: 'req-2' }),
      ),
    );
  });

  it("shows the server's message when it refuses the extension", async () => {
    const createAccessRequest = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          400,
          'Only your own active grant of the same role can be extended',
        ),
      );
    const onChanged = jest.fn();
    renderWithApi(
      <AccessRequestsTable requests={[grant]} onChanged={onChanged} />,
      {
        getProfile: jest.fn().mockResolvedValue(ledgerProfile),
        previewAccessRequest: jest.fn().mockResolvedValue(requirement()),
        createAccessRequest,
      },
    );
    const dialog = await openExtendDialog();
    await fill(
      await within(dialog).findByLabelText(/Justification/),
      'The migration needs two more hours',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request extension' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only your own active grant of the same role can be extended',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('says so when the resource profile cannot be loaded', async () => {
    renderWithApi(
      <AccessRequestsTable requests={[grant]} onChanged={jest.fn()} />,
      { getProfile: jest.fn().mockRejectedValue(new Error('backend down')) },
    );
    const dialog = await openExtendDialog();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'backend down',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Request extension' }),
    ).toBeDisabled();
  });

  it('loads the extended grant when it is not among the listed requests', async () => {
    const getAccessRequest = jest.fn().mockResolvedValue(
      accessRequest({
        id: 'req-2',
        state: 'revoked',
        endedAt: '2026-11-22T13:00:00.000Z',
      }),
    );
    renderWithApi(
      <AccessRequestsTable requests={[extension]} onChanged={jest.fn()} />,
      { getAccessRequest },
    );
    expect(
      await screen.findByText(
        'Extends the grant that ended 2026-11-22 13:00 UTC',
      ),
    ).toHaveAttribute('data-testid', 'extends-note');
    expect(getAccessRequest).toHaveBeenCalledWith('req-2');
  });
});
