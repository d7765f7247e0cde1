import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  page,
  renderWithApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { fill, accessRequest } from '../AccessRequests/__testUtils__/requests';
import { BreakGlassReviews } from './BreakGlassReviews';

const used = accessRequest({
  id: 'bg-1',
  breakGlass: true,
  state: 'active',
  justification: 'Ledger outage, P1',
  activatedAt: '2026-11-22T03:10:00.000Z',
  review: { required: true },
});

describe('BreakGlassReviews', () => {
  it('lists the activations whose review is open', async () => {
    const getAccessRequests = jest.fn().mockResolvedValue(page([used]));
    renderWithApi(<BreakGlassReviews />, { getAccessRequests });
    const row = await screen.findByTestId('break-glass-review');
    expect(within(row).getByText('user:default/guest')).toBeInTheDocument();
    expect(within(row).getByText('2026-11-22 03:10 UTC')).toBeInTheDocument();
    expect(within(row).getByText(/Ledger outage, P1/)).toBeInTheDocument();
    expect(getAccessRequests).toHaveBeenCalledWith({
      view: 'all',
      reviewPending: true,
      offset: 0,
      limit: 25,
    });
  });

  it('requires notes and completes the review', async () => {
    const getAccessRequests = jest
      .fn()
      .mockResolvedValueOnce(page([used]))
      .mockResolvedValue(page([]));
    const completeBreakGlassReview = jest.fn().mockResolvedValue({
      ...used,
      review: { required: true, completedBy: 'user:default/sofia.alvarez' },
    });
    renderWithApi(<BreakGlassReviews />, {
      getAccessRequests,
      completeBreakGlassReview,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Complete review of/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Complete review' }),
    );
    expect(
      await within(dialog).findByText(
        /Write down what was reviewed and the outcome: at least 10 characters \(0 so far\)/,
      ),
    ).toBeInTheDocument();
    expect(completeBreakGlassReview).not.toHaveBeenCalled();

    await fill(
      within(dialog).getByLabelText(/Review notes/),
      ' Justified: incident INC-1 ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Complete review' }),
    );
    await waitFor(() =>
      expect(completeBreakGlassReview).toHaveBeenCalledWith(
        'bg-1',
        'Justified: incident INC-1',
      ),
    );
    expect(
      await screen.findByText(
        /Review of user:default\/guest's break-glass .* completed\./,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('break-glass-empty')).toBeInTheDocument();
  });

  it("shows the server's refusal", async () => {
    renderWithApi(<BreakGlassReviews />, {
      getAccessRequests: jest.fn().mockResolvedValue(page([used])),
      completeBreakGlassReview: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'Only the security group may complete reviews',
          ),
        ),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Complete review of/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Review notes/),
      'Looks fine to me',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Complete review' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the security group may complete reviews',
    );
  });

  it('shows the load error', async () => {
    renderWithApi(<BreakGlassReviews />, {
      getAccessRequests: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'Platform team only')),
    });
    expect(
      (await screen.findAllByText(/Platform team only/)).length,
    ).toBeGreaterThan(0);
  });
});
