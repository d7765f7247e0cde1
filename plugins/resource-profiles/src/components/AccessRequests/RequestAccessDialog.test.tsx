import { ResourceProfile } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi, responseError } from '../../__testUtils__/fixtures';
import {
  fill,
  accessRequest,
  LEDGER_REF,
  ledgerProfile,
  requirement,
  breakGlassAwarePreview,
} from './__testUtils__/requests';
import {
  PREVIEW_JUSTIFICATION,
  RequestAccessDialog,
} from './RequestAccessDialog';

function renderDialog(
  api: { previewAccessRequest?: jest.Mock; createAccessRequest?: jest.Mock },
  profile: ResourceProfile = ledgerProfile,
) {
  const onCreated = jest.fn();
  const onClose = jest.fn();
  const previewAccessRequest =
    api.previewAccessRequest ?? jest.fn().mockResolvedValue(requirement());
  const createAccessRequest = api.createAccessRequest ?? jest.fn();
  renderWithApi(
    <RequestAccessDialog
      entityRef={LEDGER_REF}
      profile={profile}
      onClose={onClose}
      onCreated={onCreated}
    />,
    { previewAccessRequest, createAccessRequest },
  );
  return { onCreated, onClose, previewAccessRequest, createAccessRequest };
}

describe('RequestAccessDialog', () => {
  it('labels every field and defaults to the first role and min(4 h, maximum)', async () => {
    renderDialog({}, { ...ledgerProfile, maxGrantDurationHours: 2 });
    expect(await screen.findByLabelText(/Role/)).toHaveValue('read');
    expect(screen.getByLabelText(/Duration \(hours\)/)).toHaveValue(2);
    expect(screen.getByLabelText(/Justification/)).toHaveValue('');
    expect(screen.getByLabelText(/Ticket \(optional\)/)).toHaveValue('');
    expect(screen.getByLabelText(/Break-glass/)).not.toBeChecked();
    expect(screen.getByText('Up to 2 h')).toBeInTheDocument();
  });

  it('previews what the policy requires as the fields change', async () => {
    const previewAccessRequest = jest
      .fn()
      .mockResolvedValueOnce(requirement())
      .mockResolvedValue(
        requirement({
          requiresSecurityApproval: true,
          risks: [
            {
              rule: 'sod-conflict',
              severity: 'high',
              title: 'Writes the ledger and manages its audit logs',
            },
          ],
        }),
      );
    renderDialog({ previewAccessRequest });
    expect(
      await screen.findByText(
        'Needs 2 distinct approvers from group:default/payments, group:default/security',
      ),
    ).toBeInTheDocument();
    expect(previewAccessRequest).toHaveBeenCalledWith({
      entityRef: LEDGER_REF,
      role: 'read',
      durationHours: 4,
      justification: PREVIEW_JUSTIFICATION,
    });

    await userEvent.selectOptions(screen.getByLabelText(/Role/), 'write');
    expect(await screen.findByTestId('grant-risk')).toHaveTextContent(
      'Writes the ledger and manages its audit logs (sod-conflict, high)',
    );
    expect(screen.getByTestId('requirement-security')).toHaveTextContent(
      'Also needs a security approver because the grant would create: Writes the ledger and manages its audit logs',
    );
    expect(previewAccessRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ role: 'write', durationHours: 4 }),
    );
    expect(
      screen.getByText(
        /Grants arn:aws:iam::314159265358:policy\/payments-ledger-write/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a refusal as an error and does not let the request be sent', async () => {
    const createAccessRequest = jest.fn();
    renderDialog({
      previewAccessRequest: jest.fn().mockResolvedValue(
        requirement({
          refusal: 'The grant would let you escalate to admin; policy is deny',
        }),
      ),
      createAccessRequest,
    });
    expect(
      await screen.findByText(
        'The grant would let you escalate to admin; policy is deny',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Submit request' }),
    ).toBeDisabled();
  });

  it('lets the user check the policy again when the preview fails', async () => {
    const previewAccessRequest = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(requirement());
    renderDialog({ previewAccessRequest });
    expect(
      await screen.findByText('Could not check the policy: Failed to fetch'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByTestId('requirement-sentence')).toHaveTextContent(
      'Needs 2 distinct approvers',
    );
    expect(previewAccessRequest).toHaveBeenCalledTimes(2);
  });

  it('refuses a duration above the maximum without asking the server', async () => {
    const { previewAccessRequest } = renderDialog({});
    await screen.findByTestId('requirement-summary');
    const duration = screen.getByLabelText(/Duration \(hours\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '9');
    expect(
      await screen.findByText('At most 4 h for this resource'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Pick a role and a valid duration to see what the policy requires.',
      ),
    ).toBeInTheDocument();
    expect(previewAccessRequest).toHaveBeenCalledTimes(1);
  });

  it('asks for a justification of at least 10 characters', async () => {
    const { createAccessRequest } = renderDialog({});
    await userEvent.type(
      await screen.findByLabelText(/Justification/),
      'because',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit request' }),
    );
    expect(
      await screen.findByText('At least 10 characters (7 so far)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Justification/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(createAccessRequest).not.toHaveBeenCalled();
  });

  it('sends the request from the keyboard and hands back the created request', async () => {
    const created = accessRequest();
    const createAccessRequest = jest.fn().mockResolvedValue(created);
    const { onCreated } = renderDialog({ createAccessRequest });
    await userEvent.selectOptions(
      await screen.findByLabelText(/Role/),
      'write',
    );
    const duration = screen.getByLabelText(/Duration \(hours\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '2');
    await fill(
      screen.getByLabelText(/Justification/),
      '  Fix the stuck reconciliation batch ',
    );
    await userEvent.type(screen.getByLabelText(/Ticket/), 'INC-4711{Enter}');
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(createAccessRequest).toHaveBeenCalledWith({
      entityRef: LEDGER_REF,
      role: 'write',
      durationHours: 2,
      justification: 'Fix the stuck reconciliation batch',
      ticket: 'INC-4711',
    });
  });

  it("shows the server's message when it refuses the request", async () => {
    const createAccessRequest = jest
      .fn()
      .mockRejectedValue(
        await responseError(400, 'You already hold write on this resource'),
      );
    const { onCreated } = renderDialog({ createAccessRequest });
    await fill(
      await screen.findByLabelText(/Justification/),
      'Fix the stuck batch',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit request' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You already hold write on this resource',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('explains break-glass and previews and sends it as such', async () => {
    const previewAccessRequest = breakGlassAwarePreview();
    const createAccessRequest = jest
      .fn()
      .mockResolvedValue(accessRequest({ breakGlass: true, state: 'active' }));
    renderDialog({ previewAccessRequest, createAccessRequest });
    expect(
      await screen.findByText(/activates the access immediately/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText(/Break-glass/));
    expect(
      await screen.findByText(/^Break-glass: access starts immediately/),
    ).toBeInTheDocument();
    await fill(
      screen.getByLabelText(/Justification/),
      'Ledger outage, P1 incident',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Activate break-glass' }),
    );
    await waitFor(() =>
      expect(createAccessRequest).toHaveBeenCalledWith(
        expect.objectContaining({ breakGlass: true, role: 'read' }),
      ),
    );
  });

  it('offers no break-glass switch where the profile does not allow it', async () => {
    renderDialog({}, { ...ledgerProfile, breakGlassAllowed: false });
    await screen.findByTestId('requirement-summary');
    expect(screen.queryByLabelText(/Break-glass/)).not.toBeInTheDocument();
  });
});
