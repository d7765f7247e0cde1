import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aggregates,
  LocationDisplay,
  page,
  renderWithApi,
  violation,
} from '../../__testUtils__/fixtures';
import { ViolationsDashboard } from './ViolationsDashboard';

function renderDashboard(
  api: Record<string, jest.Mock>,
  search = '',
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  return renderWithApi(
    <>
      <ViolationsDashboard />
      <LocationDisplay />
    </>,
    api,
    { initialRouteEntries: [`/resource-profiles/violations${search}`], permission },
  );
}

function fakeApi() {
  return {
    getDashboard: jest.fn().mockResolvedValue(aggregates),
    getViolations: jest.fn().mockResolvedValue(page([violation()], 42, 0, 25)),
    exportViolations: jest.fn().mockResolvedValue('id,severity\nf-1,high\n'),
    acceptRisk: jest.fn(),
    revokeRiskAcceptance: jest.fn(),
  };
}

const acceptance = {
  justification: 'Public by design',
  expiresAt: '2026-12-22T23:59:59.999Z',
  acceptedBy: 'user:default/dana.whitfield',
  acceptedAt: '2026-11-22T10:00:00.000Z',
};

const search = () => new URLSearchParams(screen.getByTestId('location-search').textContent ?? '');

describe('ViolationsDashboard', () => {
  it('reads the filters from the URL, queries the API with them and shows the counts', async () => {
    const api = fakeApi();
    renderDashboard(api, '?severity=critical&environment=prod&q=ledger&orderBy=firstSeenAt&order=desc&page=1');

    expect(await screen.findByTestId('by-severity-critical')).toHaveTextContent('3');
    expect(screen.getByTestId('by-severity-high')).toHaveTextContent('17');
    expect(screen.getByTestId('by-rule-sod-conflict')).toHaveTextContent('17');
    expect(screen.getByTestId('by-owner-group:default/payments')).toHaveTextContent('30');
    expect(screen.getByText('no owner')).toBeInTheDocument();
    expect(screen.getByTestId('trend-chart')).toHaveAccessibleName(/went from 50 .* to 42/);

    const filters = {
      severity: ['critical'],
      rule: undefined,
      owner: undefined,
      environment: ['prod'],
      status: ['open'],
      text: 'ledger',
    };
    expect(api.getDashboard).toHaveBeenCalledWith({ ...filters, trendSnapshots: 30 });
    expect(api.getViolations).toHaveBeenCalledWith({
      ...filters,
      orderBy: 'firstSeenAt',
      order: 'desc',
      offset: 25,
      limit: 25,
    });
    expect(screen.getByLabelText('Search violations')).toHaveValue('ledger');
  });

  it('writes a chosen filter to the URL and asks the server again from the first page', async () => {
    const api = fakeApi();
    renderDashboard(api, '?page=1');
    await screen.findByTestId('by-severity-critical');

    await userEvent.click(screen.getByRole('button', { name: /Environment/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'prod' }));
    await userEvent.keyboard('{Escape}');

    await waitFor(() => expect(search().getAll('environment')).toEqual(['prod']));
    expect(search().get('page')).toBeNull();
    await waitFor(() =>
      expect(api.getViolations).toHaveBeenLastCalledWith(
        expect.objectContaining({ environment: ['prod'], status: ['open'], offset: 0 }),
      ),
    );
    expect(api.getDashboard).toHaveBeenLastCalledWith(
      expect.objectContaining({ environment: ['prod'] }),
    );
  });

  it('filters by a severity when its bar is pressed', async () => {
    const api = fakeApi();
    renderDashboard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'critical: 3. Add to filter' }));
    await waitFor(() => expect(search().getAll('severity')).toEqual(['critical']));
    expect(screen.getByRole('button', { name: 'critical: 3. Remove from filter' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('searches by text, keeping it in the URL', async () => {
    const api = fakeApi();
    renderDashboard(api);
    await userEvent.type(await screen.findByLabelText('Search violations'), 'omar');
    await waitFor(() => expect(search().get('q')).toBe('omar'));
    await waitFor(() =>
      expect(api.getViolations).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'omar' })),
    );
  });

  it('sorts and pages on the server', async () => {
    const api = fakeApi();
    renderDashboard(api);
    const table = await screen.findByRole('table', { name: 'Violations' });

    await userEvent.click(within(table).getByRole('button', { name: 'Severity' }));
    await waitFor(() => expect(search().get('orderBy')).toBe('severity'));
    expect(search().get('order')).toBe('asc');
    await userEvent.click(within(table).getByRole('button', { name: /Severity/ }));
    await waitFor(() => expect(search().get('order')).toBe('desc'));

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(search().get('page')).toBe('1'));
    await waitFor(() =>
      expect(api.getViolations).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'severity', order: 'desc', offset: 25, limit: 25 }),
      ),
    );
  });

  it('links each violation to its entity', async () => {
    renderDashboard(fakeApi());
    const row = (await screen.findAllByTestId('violation-row'))[0];
    expect(within(row).getByRole('link', { name: /payments-ledger-db/ })).toHaveAttribute(
      'href',
      '/catalog/default/resource/payments-ledger-db',
    );
  });

  it('exports the filtered violations as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:violations');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const api = fakeApi();
    renderDashboard(api, '?severity=high&status=open&status=accepted');

    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportViolations).toHaveBeenCalledWith(
      expect.objectContaining({ severity: ['high'], status: ['open', 'accepted'] }),
      'csv',
    );
    expect(api.exportViolations.mock.calls[0][0]).not.toHaveProperty('offset');
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    click.mockRestore();
  });

  it('accepts a risk from the table and reloads the counts', async () => {
    const api = fakeApi();
    api.acceptRisk.mockResolvedValue(
      violation({
        status: 'accepted',
        acceptance,
      }),
    );
    renderDashboard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Accept risk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept risk' });
    await userEvent.type(within(dialog).getByLabelText(/Justification/), 'The bucket is public by design.');
    const calls = api.getDashboard.mock.calls.length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Accept risk' }));

    expect(await screen.findByText(/accepted until 2026-12-22/)).toBeInTheDocument();
    expect(api.acceptRisk).toHaveBeenCalledWith('f-1', expect.objectContaining({
      justification: 'The bucket is public by design.',
    }));
    await waitFor(() => expect(api.getDashboard.mock.calls.length).toBeGreaterThan(calls));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers risk acceptance only to users the permission policy allows', async () => {
    const api = fakeApi();
    // Ids no other test uses: permission answers are cached per request for the whole file.
    api.getViolations.mockResolvedValue(
      page([
        violation({ id: 'f-denied-1' }),
        violation({
          id: 'f-denied-2',
          status: 'accepted',
          acceptance,
        }),
      ], 2),
    );
    renderDashboard(api, '', AuthorizeResult.DENY);
    expect(await screen.findAllByTestId('violation-row')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Accept risk' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
  });

  it('says when nothing matches', async () => {
    const api = fakeApi();
    api.getViolations.mockResolvedValue(page([], 0));
    renderDashboard(api);
    expect(await screen.findByTestId('violations-empty')).toBeInTheDocument();
  });

  it('shows errors from the API', async () => {
    const api = fakeApi();
    api.getDashboard.mockRejectedValue(new Error('aggregates unavailable'));
    api.getViolations.mockRejectedValue(new Error('violations unavailable'));
    renderDashboard(api);
    expect((await screen.findAllByText(/aggregates unavailable/)).length).toBeGreaterThan(0);
    expect((await screen.findAllByText(/violations unavailable/)).length).toBeGreaterThan(0);
  });
});
