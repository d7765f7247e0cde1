import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { analyze } from '../src/engine/analyze';
import { mergeInputs } from '../src/engine/merge';
import { parseAwsAuthorizationDetails } from '../src/engine/parse/awsAuthorizationDetails';
import { parseTerraform } from '../src/engine/parse/terraform';
import { generateOrg } from './generateOrg';

/**
 * Regression check for engine optimisations: analyses a synthetic organisation and prints a
 * digest per output section (order included), so two versions of the engine can be compared.
 * Usage: node bench/fingerprint.js PRINCIPALS [SEED] [OUT.json]
 */
const principals = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 42);
const out = process.argv[4];
const org = generateOrg(principals, seed);
const model = mergeInputs([parseAwsAuthorizationDetails(org.authorizationDetails, 'org.json'), parseTerraform(org.terraformState, 'state.json')]);
const arns = model.principals.filter(p => p.type !== 'group').map(p => p.arn);
const humans = Array.from({ length: Math.min(200, Math.floor(arns.length / 5)) }, (_, i) => ({
  id: `user:default/h${i}`,
  principalArns: [arns[(i * 7) % arns.length], arns[(i * 13 + 5) % arns.length], arns[(i * 31 + 11) % arns.length]],
}));
const t = performance.now();
const cpu = process.cpuUsage();
const result = analyze(model, { now: new Date('2026-06-01T00:00:00Z'), humans, maxAssumedRoleMappingsPerPrincipal: Number(process.env.LIMIT ?? 200) });
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);
const { stats, ...rest } = result;
const { durationMs, ...counts } = stats;
console.log(JSON.stringify({ principals, seed, ms: Math.round(ms), cpuMs: Math.round(cpuMs), counts, principalsDigest: digest(rest.principals), resources: digest(rest.resources), roleMappings: digest(rest.roleMappings), findings: digest(rest.findings), warnings: digest(rest.warnings) }));
if (out) writeFileSync(out, JSON.stringify(rest));
