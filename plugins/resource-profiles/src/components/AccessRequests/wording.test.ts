import { accessRequest, requirement } from './__testUtils__/requests';
import {
  approvalProgress,
  formatHours,
  formatTimeLeft,
  requirementSentence,
  securitySentence,
} from './wording';

describe('wording', () => {
  it('says what the policy requires', () => {
    expect(requirementSentence(requirement())).toBe(
      'Needs 2 distinct approvers from group:default/payments, group:default/security',
    );
    expect(
      requirementSentence(
        requirement({ requiredApprovals: 1, approverGroups: [] }),
      ),
    ).toBe('Needs 1 approver from the owner group');
    expect(
      requirementSentence(requirement({ mode: 'auto', requiredApprovals: 0 })),
    ).toBe('Granted automatically: no approval is needed.');
    expect(requirementSentence(requirement({ mode: 'break-glass' }))).toMatch(
      /^Break-glass/,
    );
  });

  it('explains why security must approve', () => {
    expect(securitySentence(requirement())).toBeUndefined();
    expect(
      securitySentence(
        requirement({
          requiresSecurityApproval: true,
          risks: [
            {
              rule: 'sod-conflict',
              severity: 'high',
              title: 'Deploy and approve changes',
            },
          ],
        }),
      ),
    ).toBe(
      'Also needs a security approver because the grant would create: Deploy and approve changes',
    );
  });

  it('counts distinct approvers and the security approval', () => {
    const request = accessRequest({
      requirement: requirement({ requiresSecurityApproval: true }),
      decisions: [
        {
          approver: 'user:default/priya.raman',
          decision: 'approve',
          asSecurity: false,
          decidedAt: '',
        },
        {
          approver: 'user:default/priya.raman',
          decision: 'approve',
          asSecurity: false,
          decidedAt: '',
        },
      ],
    });
    expect(approvalProgress(request)).toBe(
      '1 of 3 approvals, security approval pending',
    );
    expect(
      approvalProgress(
        accessRequest({ requirement: requirement({ mode: 'auto' }) }),
      ),
    ).toBe('Automatic');
  });

  it('formats durations and countdowns', () => {
    expect(formatHours(2)).toBe('2 h');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatTimeLeft(2 * 3600_000 - 60_000)).toBe('1 h 59 min left');
    expect(formatTimeLeft(65_000)).toBe('1 min 05 s left');
    expect(formatTimeLeft(3 * 86400_000 + 3600_000)).toBe('3 d 1 h left');
    expect(formatTimeLeft(0)).toBe('expired');
  });
});
