import { conditionLines } from './conditions';

describe('conditionLines', () => {
  it('writes one line per condition key, and Deny conditions as when the access is denied', () => {
    expect(
      conditionLines([
        { StringEquals: { 'aws:PrincipalTag/team': ['payments'] }, Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
        { Deny: { 'StringNotEquals:aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
      ]),
    ).toEqual([
      'StringEquals aws:PrincipalTag/team = payments',
      'Bool aws:MultiFactorAuthPresent = true',
      'Denied when StringNotEquals aws:RequestedRegion = eu-west-1 | eu-central-1',
    ]);
    expect(conditionLines(undefined)).toEqual([]);
  });
});
