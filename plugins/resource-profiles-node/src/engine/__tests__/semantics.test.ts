import { readFixture, analyzeSnapshot } from './helpers';

interface Case {
  file: string;
  expect: 'positive' | 'negative';
  principal: string;
  method: string;
}

const cases: Case[] = JSON.parse(readFixture('semantics/index.json'));

describe('IAM semantics from the reference', () => {
  it.each(cases.map(c => [c.file, c] as const))('%s', (_, c) => {
    const result = analyzeSnapshot(JSON.parse(readFixture(`semantics/${c.file}`)));
    const hit = result.findings.find(f => f.rule === 'privilege-escalation' && f.method === c.method && f.principal?.arn === c.principal);
    expect(hit !== undefined).toBe(c.expect === 'positive');
  });
});
