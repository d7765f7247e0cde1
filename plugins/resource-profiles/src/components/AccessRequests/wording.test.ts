import { accessRequest, requirement } from './__testUtils__/requests';
import {
  approvalProgress,
  endReasonSentence,
  extensionSentence,
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
      /^Break-glass: access starts immediately/,
    );
    expect(
      requirementSentence(requirement({ mode: 'break-glass' }), true),
    ).toMatch(/^Break-glass: the grant is extended at once/);
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

  it('says which grant an extension extends', () => {
    expect(
      extensionSentence(
        accessRequest({ state: 'active', expiresAt: '2026-11-22T14:05:00Z' }),
      ),
    ).toBe('Extends the grant ending 2026-11-22 14:05 UTC');
    expect(
      extensionSentence(
        accessRequest({
          state: 'expired',
          expiresAt: '2026-11-22T14:05:00Z',
          endedAt: '2026-11-22T14:05:30Z',
        }),
      ),
    ).toBe('Extends the grant that ended 2026-11-22 14:05 UTC');
    expect(extensionSentence(undefined)).toBe('Extends an earlier grant');
  });

  it('says why a request ended', () => {
    expect(
      endReasonSentence(accessRequest({ state: 'revoked', endReason: 'revoked' })),
    ).toBe('Revoked before its expiry');
    expect(endReasonSentence(accessRequest({ state: 'expired' }))).toBe('Expired');
    expect(
      endReasonSentence(accessRequest({ state: 'denied', endReason: 'denied' })),
    ).toBe('Denied');
    expect(
      endReasonSentence(accessRequest({ state: 'revoked', endReason: 'offboarded' })),
    ).toBe('Ended: offboarded');
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
