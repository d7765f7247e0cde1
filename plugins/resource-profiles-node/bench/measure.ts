import { analyze } from '../src/engine/analyze';
import { mergeInputs } from '../src/engine/merge';
import { parseAwsAuthorizationDetails } from '../src/engine/parse/awsAuthorizationDetails';
import { parseTerraform } from '../src/engine/parse/terraform';
import { defaultActionCatalog } from '../src/engine/catalog/actionCatalog';
import { generateOrg } from './generateOrg';

/** One size, in its own process so peak RSS belongs to it alone. Prints one JSON line. */
const principals = Number(process.argv[2]);
const org = generateOrg(principals);
defaultActionCatalog();
const bytes = org.authorizationDetails.length + org.terraformState.length;

let t = performance.now();
let cpu = process.cpuUsage();
JSON.parse(org.authorizationDetails);
JSON.parse(org.terraformState);
const jsonParseMs = performance.now() - t;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const jsonParseCpuMs = cpuMs(cpu);

t = performance.now();
cpu = process.cpuUsage();
const model = mergeInputs([parseAwsAuthorizationDetails(org.authorizationDetails, 'org.json'), parseTerraform(org.terraformState, 'state.json')]);
const parseMs = performance.now() - t;
const parseCpuMs = cpuMs(cpu);

t = performance.now();
cpu = process.cpuUsage();
const result = analyze(model, { now: new Date('2026-06-01T00:00:00Z') });
const analyzeMs = performance.now() - t;
const analyzeCpuMs = cpuMs(cpu);

process.stdout.write(
  `${JSON.stringify({
    principals,
    policies: model.policies.length,
    resources: model.resources.length,
    inputMiB: bytes / 1048576,
    jsonParseMs,
    parseMs,
    analyzeMs,
    jsonParseCpuMs,
    parseCpuMs,
    analyzeCpuMs,
    totalMs: parseMs + analyzeMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    findings: result.findings.length,
    roleMappings: result.roleMappings.length,
  })}\n`,
);
