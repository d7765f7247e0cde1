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
const peakRssMiB = process.resourceUsage().maxRSS / 1024;

// A reference for the result's size: how long V8's native parser takes to build the same
// principals, role mappings and findings from JSON text. Chunked, so no string nears V8's
// length limit; the parsed chunks are kept until the end, as a result's rows are.
const chunkRows = 20000;
const built: unknown[] = [];
let resultBytes = 0;
let resultJsonParseMs = 0;
for (const rows of [result.principals, result.roleMappings, result.findings]) {
  for (let k = 0; k < rows.length; k += chunkRows) {
    const text = JSON.stringify(rows.slice(k, k + chunkRows));
    resultBytes += text.length;
    t = performance.now();
    built.push(JSON.parse(text));
    resultJsonParseMs += performance.now() - t;
  }
}

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
    peakRssMiB,
    resultMiB: resultBytes / 1048576,
    resultJsonParseMs,
    findings: result.findings.length,
    roleMappings: result.roleMappings.length,
  })}\n`,
);
