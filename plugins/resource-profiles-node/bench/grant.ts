import os from 'node:os';
import { analyze } from '../src/engine/analyze';
import { defaultActionCatalog } from '../src/engine/catalog/actionCatalog';
import { evaluateGrant } from '../src/engine/evaluateGrant';
import { mergeInputs } from '../src/engine/merge';
import type { PolicyDocument } from '../src/engine/model';
import { parseAwsAuthorizationDetails } from '../src/engine/parse/awsAuthorizationDetails';
import { parseTerraform } from '../src/engine/parse/terraform';
import { generateOrg } from './generateOrg';

/**
 * What the access workflow pays per preview, request and approval: `evaluateGrant` for one
 * requester, against the whole analysis (findings only) of the same organisation measured in
 * the same process. Usage: node bench/grant.js [SIZES] (default 10000,50000).
 */
const sizes = (process.argv[2] ?? '10000,50000').split(',').map(Number);
const now = new Date('2026-06-01T00:00:00Z');
const requests = 9;
// A role that reads secrets and passes roles: enough to create SoD conflicts for some requesters.
const addPolicy: PolicyDocument = { version: '2012-10-17', statements: [{ effect: 'Allow', action: ['secretsmanager:GetSecretValue', 'iam:PassRole'], resource: ['*'] }] };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

defaultActionCatalog();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`load average: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
console.log('whole analysis: the second of two in the process, so both sides run warmed code');
console.log('principals  whole analysis ms  evaluateGrant ms (median of 9 requesters)  range ms  evaluateGrant/whole analysis  requesters with new findings');
for (const n of sizes) {
  const org = generateOrg(n);
  const model = mergeInputs([parseAwsAuthorizationDetails(org.authorizationDetails, 'org.json'), parseTerraform(org.terraformState, 'state.json')]);
  analyze(model, { now, roleMappings: false });
  let t = performance.now();
  analyze(model, { now, roleMappings: false });
  const whole = performance.now() - t;
  const users = model.principals.filter(p => p.type === 'user');
  const times: number[] = [];
  let flagged = 0;
  for (let k = 0; k < requests; k++) {
    const requester = users[Math.floor((k * users.length) / requests)];
    t = performance.now();
    const { newFindings } = evaluateGrant(model, { principalArns: [requester.arn], addPolicy }, { now });
    times.push(performance.now() - t);
    if (newFindings.length) flagged++;
  }
  console.log([n, whole.toFixed(0), median(times).toFixed(0), `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`, `${(median(times) / whole).toFixed(3)}×`, `${flagged}/${requests}`].join('  '));
}
