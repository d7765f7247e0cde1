import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderWithApi, roleMapping } from '../../__testUtils__/fixtures';
import { RoleMappingsCard } from './RoleMappingsCard';

const LEDGER = 'resource:default/payments-ledger-db';

const rows = [
  roleMapping(),
  roleMapping({
    principalArn: 'arn:aws:iam::314159265358:user/dana.whitfield',
    principalName: 'dana.whitfield',
    principalType: 'user',
    accessLevel: 'Permissions management',
    path: {
      kind: 'assumed-role',
      via: [
        'arn:aws:iam::314159265358:role/platform-admin',
        'arn:aws:iam::314159265358:role/breakglass-admin',
      ],
    },
    conditional: true,
    conditions: [{ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }],
  }),
  roleMapping({
    principalArn: 'arn:aws:iam::314159265358:user/sofia.alvarez',
    principalName: 'sofia.alvarez',
    principalType: 'user',
    accessLevel: 'List',
    path: { kind: 'group', via: ['arn:aws:iam::314159265358:group/platform-admins'] },
  }),
];

describe('RoleMappingsCard', () => {
  it("shows who a resource policy lets in: anyone, another account's role, or a whole account", async () => {
    const bucketPolicy = { kind: 'resource-policy' as const, via: ['bucket policy'] };
    const getRoleMappings = jest.fn().mockResolvedValue(
      page(
        [
          roleMapping({ principalArn: '*', principalName: 'anyone', principalType: 'anyone', accessLevel: 'Read', path: bucketPolicy }),
          roleMapping({
            principalArn: 'arn:aws:iam::444455556666:role/lumen-ingest',
            principalName: 'lumen-ingest',
            principalType: 'role',
            accessLevel: 'Read',
            path: bucketPolicy,
          }),
          roleMapping({
            principalArn: 'arn:aws:iam::999988887777:root',
            principalName: '999988887777',
            principalType: 'account',
            accessLevel: 'List',
            path: bucketPolicy,
            conditional: true,
            conditions: [{ Deny: { 'Bool:aws:SecureTransport': ['false'] } }],
          }),
        ],
        3,
      ),
    );
    renderWithApi(<RoleMappingsCard />, { getRoleMappings });

    const table = await screen.findByRole('table', { name: 'Role mappings' });
    const [anyone, vendor, account] = within(table).getAllByRole('row').slice(1);
    expect(within(vendor).getByText('role of account 444455556666')).toBeInTheDocument();
    expect(within(anyone).getByText('anyone')).toBeInTheDocument();
    expect(within(anyone).getByText('public: any principal')).toBeInTheDocument();
    expect(within(anyone).getByText('via bucket policy')).toBeInTheDocument();
    expect(within(account).getByText('999988887777')).toBeInTheDocument();
    expect(within(account).getByText('whole account')).toBeInTheDocument();
    expect(within(account).getByTestId('conditional').parentElement).toHaveAttribute(
      'title',
      'Only when: Denied when Bool aws:SecureTransport = false',
    );
  });

  it('shows principal, access level and path of each mapping', async () => {
    const getRoleMappings = jest.fn().mockResolvedValue(page(rows, 3));
    renderWithApi(<RoleMappingsCard />, { getRoleMappings });

    const table = await screen.findByRole('table', { name: 'Role mappings' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByText('payments-engineer')).toBeInTheDocument();
    expect(within(table).getByText('direct')).toBeInTheDocument();
    expect(within(table).getByText('via group platform-admins')).toBeInTheDocument();
    expect(
      within(table).getByText('via role chain platform-admin → breakglass-admin'),
    ).toBeInTheDocument();
    // The ARN and the conditions are one hover (or focus) away.
    expect(within(table).getByTitle('arn:aws:iam::314159265358:user/dana.whitfield')).toBeInTheDocument();
    expect(within(table).getByTestId('conditional').parentElement).toHaveAttribute(
      'title',
      'Only when: Bool aws:MultiFactorAuthPresent = true',
    );
    expect(getRoleMappings).toHaveBeenCalledWith(LEDGER, {
      principal: undefined,
      accessLevel: undefined,
      offset: 0,
      limit: 10,
    });
  });

  it('asks the server for the next page', async () => {
    const getRoleMappings = jest.fn().mockResolvedValue(page(rows, 23));
    renderWithApi(<RoleMappingsCard />, { getRoleMappings });
    await userEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(getRoleMappings).toHaveBeenLastCalledWith(LEDGER, expect.objectContaining({ offset: 10, limit: 10 })),
    );
    expect(await screen.findByText('11-20 of 23')).toBeInTheDocument();
  });

  it('searches by principal on the server and starts again at the first page', async () => {
    const getRoleMappings = jest.fn().mockResolvedValue(page(rows, 23));
    renderWithApi(<RoleMappingsCard />, { getRoleMappings });
    await userEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await userEvent.type(screen.getByLabelText('Search principals'), 'dana');
    await waitFor(() =>
      expect(getRoleMappings).toHaveBeenLastCalledWith(LEDGER, {
        principal: 'dana',
        accessLevel: undefined,
        offset: 0,
        limit: 10,
      }),
    );
  });

  it('filters by access level', async () => {
    const getRoleMappings = jest.fn().mockResolvedValue(page(rows, 3));
    renderWithApi(<RoleMappingsCard />, { getRoleMappings });
    await screen.findByRole('table', { name: 'Role mappings' });
    await userEvent.click(screen.getByRole('button', { name: /Access level/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Write' }));
    await waitFor(() =>
      expect(getRoleMappings).toHaveBeenLastCalledWith(
        LEDGER,
        expect.objectContaining({ accessLevel: ['Write'], offset: 0 }),
      ),
    );
  });

  it('says when nobody can reach the resource', async () => {
    renderWithApi(<RoleMappingsCard />, {
      getRoleMappings: jest.fn().mockResolvedValue(page([], 0)),
    });
    expect(await screen.findByTestId('role-mappings-empty')).toHaveTextContent(
      'No IAM principal can reach this resource',
    );
  });

  it('shows the error when loading fails', async () => {
    renderWithApi(<RoleMappingsCard />, {
      getRoleMappings: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(0);
  });
});
