import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi, responseError, violation } from '../../__testUtils__/fixtures';
import { dateInDays, RiskAcceptanceDialog } from './RiskAcceptanceDialog';

function renderDialog(acceptRisk: jest.Mock) {
  const onAccepted = jest.fn();
  const onClose = jest.fn();
  renderWithApi(
    <RiskAcceptanceDialog violation={violation()} onAccepted={onAccepted} onClose={onClose} />,
    { acceptRisk },
  );
  return { onAccepted, onClose };
}

describe('RiskAcceptanceDialog', () => {
  it('asks for a justification of at least 10 characters', async () => {
    const acceptRisk = jest.fn();
    renderDialog(acceptRisk);
    await userEvent.type(await screen.findByLabelText(/Justification/), 'too short');
    await userEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    expect(await screen.findByText('At least 10 characters (9 so far)')).toBeInTheDocument();
    expect(screen.getByLabelText(/Justification/)).toHaveAttribute('aria-invalid', 'true');
    expect(acceptRisk).not.toHaveBeenCalled();
  });

  it('expires in 30 days unless told otherwise and sends the acceptance', async () => {
    const accepted = violation({ status: 'accepted' });
    const acceptRisk = jest.fn().mockResolvedValue(accepted);
    const { onAccepted } = renderDialog(acceptRisk);
    const expiry = await screen.findByLabelText(/Expires on/);
    expect(expiry).toHaveValue(dateInDays(30));

    await userEvent.type(screen.getByLabelText(/Justification/), '  Public assets bucket, by design.  ');
    // Submitting from the keyboard works as well as the button.
    await userEvent.type(expiry, '{Enter}');
    await waitFor(() => expect(onAccepted).toHaveBeenCalledWith(accepted));
    expect(acceptRisk).toHaveBeenCalledWith('f-1', {
      justification: 'Public assets bucket, by design.',
      expiresAt: `${dateInDays(30)}T23:59:59.999Z`,
    });
  });

  it('refuses a date in the past', async () => {
    const acceptRisk = jest.fn();
    renderDialog(acceptRisk);
    await userEvent.type(await screen.findByLabelText(/Justification/), 'A long enough reason');
    const expiry = screen.getByLabelText(/Expires on/);
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    expect(await screen.findByText('The date must be in the future')).toBeInTheDocument();
    expect(acceptRisk).not.toHaveBeenCalled();
  });

  it("shows the server's message when it refuses", async () => {
    const acceptRisk = jest
      .fn()
      .mockRejectedValue(await responseError(400, 'Risk acceptances may last at most 365 days'));
    const { onAccepted } = renderDialog(acceptRisk);
    await userEvent.type(await screen.findByLabelText(/Justification/), 'A long enough reason');
    await userEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Risk acceptances may last at most 365 days',
    );
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('closes on cancel', async () => {
    const { onClose } = renderDialog(jest.fn());
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});
