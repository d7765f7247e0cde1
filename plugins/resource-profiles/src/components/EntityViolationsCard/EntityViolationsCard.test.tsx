import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderWithApi, violation } from '../../__testUtils__/fixtures';
import { EntityViolationsCard } from './EntityViolationsCard';

describe('EntityViolationsCard', () => {
  it('lists the open violations of the entity with severity, title and rule', async () => {
    const getViolations = jest.fn().mockResolvedValue(
      page([
        violation(),
        violation({ id: 'f-2', severity: 'critical', rule: 'full-admin', method: undefined, title: 'breakglass-admin is a full administrator' }),
      ]),
    );
    renderWithApi(<EntityViolationsCard />, { getViolations });

    expect(await screen.findByText('Open violations (2)')).toBeInTheDocument();
    const items = screen.getAllByTestId('violation');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByTestId('severity')).toHaveTextContent('high');
    expect(within(items[0]).getByText('privilege-escalation · PassExistingRoleToNewLambdaThenInvoke')).toBeInTheDocument();
    expect(within(items[1]).getByText('breakglass-admin is a full administrator')).toBeInTheDocument();
    expect(getViolations).toHaveBeenCalledWith({
      entityRef: 'resource:default/payments-ledger-db',
      status: ['open'],
      offset: 0,
      limit: 10,
    });
  });

  it('expands a violation to show its evidence and remediation', async () => {
    renderWithApi(<EntityViolationsCard />, {
      getViolations: jest.fn().mockResolvedValue(page([violation()])),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /data-platform-engineer can escalate/ }),
    );
    const details = await screen.findByTestId('violation-details-f-1');
    const policies = within(details).getByRole('table', { name: 'Evidence: policies' });
    expect(within(policies).getByText('data-platform-lambda')).toBeInTheDocument();
    expect(within(policies).getByText('#2')).toBeInTheDocument();
    expect(within(policies).getByText('iam:PassRole, lambda:CreateFunction')).toBeInTheDocument();
    expect(within(details).getByText('growth-poweruser')).toBeInTheDocument();
    expect(within(details).getByText('platform-admin')).toBeInTheDocument();
    expect(
      within(details).getByText('Scope iam:PassRole to the roles the pipeline needs.'),
    ).toBeInTheDocument();
  });

  it('pages through many violations on the server', async () => {
    const items = Array.from({ length: 10 }, (_, i) => violation({ id: `f-${i}` }));
    const getViolations = jest.fn().mockResolvedValue(page(items, 14));
    renderWithApi(<EntityViolationsCard />, { getViolations });
    await userEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(getViolations).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 10, limit: 10 })),
    );
  });

  it('says when there is nothing open', async () => {
    renderWithApi(<EntityViolationsCard />, {
      getViolations: jest.fn().mockResolvedValue(page([], 0)),
    });
    expect(await screen.findByTestId('violations-empty')).toHaveTextContent(
      'No open violations concern this entity.',
    );
  });

  it('shows the error when loading fails', async () => {
    renderWithApi(<EntityViolationsCard />, {
      getViolations: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(0);
  });
});
