import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AccessDecision,
  AccessRequest,
  ApprovalRequirement,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

export const LEDGER_REF = 'resource:default/payments-ledger-db';

export const ledgerProfile: ResourceProfile = {
  entityRef: LEDGER_REF,
  owner: 'group:default/payments',
  environment: 'prod',
  dataClassification: 'restricted',
  complianceScopes: ['SOC2', 'PCI-DSS'],
  reviewIntervalDays: 90,
  reviewOverdue: false,
  requestableRoles: [
    {
      name: 'read',
      target: 'arn:aws:iam::314159265358:policy/payments-ledger-read',
    },
    {
      name: 'write',
      target: 'arn:aws:iam::314159265358:policy/payments-ledger-write',
    },
  ],
  maxGrantDurationHours: 4,
  approvalPolicy: { mode: 'approvers', requiredApprovals: 2 },
  approverGroups: ['group:default/payments', 'group:default/security'],
  breakGlassAllowed: true,
  warnings: [],
  sources: {},
  resolvedAt: '2026-11-22T00:00:00.000Z',
};

export function requirement(
  overrides: Partial<ApprovalRequirement> = {},
): ApprovalRequirement {
  return {
    mode: 'approvers',
    requiredApprovals: 2,
    requiresSecurityApproval: false,
    approverGroups: ['group:default/payments', 'group:default/security'],
    risks: [],
    ...overrides,
  };
}

/** A preview that answers break-glass requests as break-glass and others with `requirement()`. */
export function breakGlassAwarePreview() {
  return jest
    .fn()
    .mockImplementation(async (body: { breakGlass?: boolean }) =>
      body.breakGlass
        ? requirement({ mode: 'break-glass', requiredApprovals: 0 })
        : requirement(),
    );
}

/** priya.raman's approval, five minutes after the request. */
export const priyaApproves: AccessDecision = {
  approver: 'user:default/priya.raman',
  decision: 'approve',
  asSecurity: false,
  decidedAt: '2026-11-22T10:05:00.000Z',
};

export function accessRequest(
  overrides: Partial<AccessRequest> = {},
): AccessRequest {
  return {
    id: 'req-1',
    entityRef: LEDGER_REF,
    resourceArn: 'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db',
    role: {
      name: 'write',
      target: 'arn:aws:iam::314159265358:policy/payments-ledger-write',
    },
    requester: 'user:default/guest',
    principalArns: ['arn:aws:iam::314159265358:role/payments-engineer'],
    justification: 'Fix the stuck reconciliation batch',
    ticket: 'INC-4711',
    durationHours: 2,
    breakGlass: false,
    state: 'pending',
    requirement: requirement(),
    decisions: [],
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    pendingUntil: '2026-11-23T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Types a longer text in one go: clicking focuses the field, pasting fills it. */
export async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

/** The labels of a row's action buttons (Cancel, Extend, End access), without its details toggle. */
export function actionLabels(row: HTMLElement): string[] {
  return within(row)
    .queryAllByRole('button')
    .filter(button => !button.hasAttribute('aria-expanded'))
    .map(button => button.textContent ?? '');
}
