import { screen, within } from '@testing-library/react';
import { EntityGuardrails } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { renderWithApi } from '../../__testUtils__/fixtures';
import { EntityAccessContent } from '../EntityAccessContent';
import { GuardrailsCard } from './GuardrailsCard';

const fullAccess = { id: 'p-FullAWSAccess', name: 'FullAWSAccess', statements: [{ effect: 'Allow' as const, action: ['*'], resource: ['*'] }] };

const workloads: EntityGuardrails = {
  accountId: '314159265358',
  organizationKnown: true,
  guardrails: {
    accountId: '314159265358',
    accountName: 'northwind-prod',
    managementAccount: false,
    levels: [
      { targetId: 'r-ab12', kind: 'root', name: 'Root', policies: [fullAccess], impliedFullAccess: false },
      {
        targetId: 'ou-ab12-workload',
        kind: 'organizational-unit',
        name: 'Workloads',
        impliedFullAccess: false,
        policies: [
          fullAccess,
          {
            id: 'p-protect1',
            name: 'no-long-lived-credentials',
            statements: [
              { effect: 'Deny', action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile'], resource: ['*'] },
              {
                effect: 'Deny',
                notAction: ['iam:*', 'sts:*'],
                resource: ['*'],
                condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
              },
            ],
          },
        ],
      },
      {
        targetId: '314159265358',
        kind: 'account',
        impliedFullAccess: true,
        policies: [{ id: 'p-deny-regions', name: 'deny-regions', statements: [{ effect: 'Deny', action: ['ec2:*'], resource: ['*'] }] }],
      },
    ],
  },
};

describe('GuardrailsCard', () => {
  it('lists each level from the root down with its SCPs and what their statements say', async () => {
    renderWithApi(<GuardrailsCard guardrails={{ value: workloads }} />, {});
    expect(await screen.findByText(/Service control policies over account northwind-prod \(314159265358\)/)).toBeInTheDocument();
    const levels = screen.getAllByTestId('guardrail-level');
    expect(levels.map(level => level.querySelector('h6')?.textContent)).toEqual([
      'Root (r-ab12)',
      'OU Workloads (ou-ab12-workload)',
      'Account 314159265358',
    ]);
    const policies = within(levels[1]).getAllByTestId('guardrail-policy');
    expect(within(policies[1]).getAllByTestId('guardrail-statement').map(s => s.textContent)).toEqual([
      'Deny iam:CreateAccessKey, iam:CreateLoginProfile on *',
      'Deny every action except iam:*, sts:* on * when StringNotEquals aws:RequestedRegion = eu-west-1 | eu-central-1',
    ]);
    expect(within(policies[0]).getByTestId('guardrail-statement')).toHaveTextContent('Allow * on *');
    // Only the account level, whose SCPs only deny, says FullAWSAccess is assumed beside them.
    expect(levels.map(level => within(level).queryByTestId('guardrail-implied') !== null)).toEqual([false, false, true]);
    expect(within(levels[2]).getByTestId('guardrail-implied')).toHaveTextContent(/^FullAWSAccess is assumed here/);
  });

  it('lists the resource control policies over the account after the SCPs, and alone when no SCP is attached', async () => {
    const keyRcp = {
      id: 'p-keys1',
      name: 'protect-key-material',
      statements: [{ effect: 'Deny' as const, action: ['kms:ScheduleKeyDeletion'], resource: ['*'], condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/key-custodian'] } } }],
    };
    const controls = [{ targetId: 'ou-ab12-workload', kind: 'organizational-unit' as const, name: 'Workloads', impliedFullAccess: false, policies: [keyRcp] }];
    const { unmount } = renderWithApi(<GuardrailsCard guardrails={{ value: { ...workloads, guardrails: { ...workloads.guardrails!, resourceControlLevels: controls } } }} />, {});
    expect(await screen.findByText(/Resource control policies over the resources of account northwind-prod \(314159265358\)/)).toBeInTheDocument();
    expect(screen.getAllByTestId('guardrail-level')).toHaveLength(3);
    const [level] = screen.getAllByTestId('resource-control-level');
    expect(level.querySelector('h6')).toHaveTextContent('OU Workloads (ou-ab12-workload)');
    expect(within(level).getByTestId('guardrail-statement')).toHaveTextContent(
      'Deny kms:ScheduleKeyDeletion on * when ArnNotLike aws:PrincipalArn = arn:aws:iam::*:role/key-custodian',
    );
    unmount();
    renderWithApi(<GuardrailsCard guardrails={{ value: { ...workloads, guardrails: { ...workloads.guardrails!, levels: [], resourceControlLevels: controls } } }} />, {});
    await screen.findByTestId('resource-control-level');
    expect(screen.queryByText(/Service control policies over account/)).not.toBeInTheDocument();
  });

  it('says so for the management account, which SCPs do not limit', async () => {
    renderWithApi(
      <GuardrailsCard
        guardrails={{ value: { accountId: '999999999999', organizationKnown: true, guardrails: { accountId: '999999999999', accountName: 'management', managementAccount: true, levels: [] } } }}
      />,
      {},
    );
    expect(await screen.findByTestId('guardrails-management')).toHaveTextContent(
      "Account management (999999999999) is the organization's management account: service and resource control policies do not apply to it.",
    );
  });

  it('says when no SCP or RCP is known for the account', async () => {
    renderWithApi(<GuardrailsCard guardrails={{ value: { accountId: '271828182845', organizationKnown: true } }} />, {});
    expect(await screen.findByTestId('guardrails-none')).toHaveTextContent('No service or resource control policy is known to apply to account 271828182845.');
  });
});

describe('the Access tab', () => {
  const pending = () => jest.fn().mockReturnValue(new Promise(() => {}));
  const otherCards = () => ({ getProfile: pending(), getRoleMappings: pending(), getAccessRequests: pending(), getViolations: pending() });

  it('shows the guardrails of the resource account', async () => {
    const getGuardrails = jest.fn().mockResolvedValue(workloads);
    renderWithApi(<EntityAccessContent />, { ...otherCards(), getGuardrails });
    expect(await screen.findByText('Organization guardrails')).toBeInTheDocument();
    expect(getGuardrails).toHaveBeenCalledWith('resource:default/payments-ledger-db');
  });

  it('leaves the card out while no synced source describes an organization', async () => {
    const getGuardrails = jest.fn().mockResolvedValue({ accountId: '314159265358', organizationKnown: false });
    renderWithApi(<EntityAccessContent />, { ...otherCards(), getGuardrails });
    await screen.findByText('Who can access it');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(getGuardrails).toHaveBeenCalled();
    expect(screen.queryByText('Organization guardrails')).not.toBeInTheDocument();
  });
});
