// Runs the analysis benchmark at 1k, 10k and 50k principals, each in fresh processes
// (BENCH_RUNS per size, default 3), and prints each size's median figures.
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Per-column medians of one size's runs (counts are the same in every run). */
const medianRow = samples => Object.fromEntries(Object.keys(samples[0]).map(k => [k, median(samples.map(r => r[k]))]));
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
// CPU time (all threads of the process, GC helpers included) is shown beside wall time: on a shared machine wall time also counts waiting for a core.
console.log(`load average before: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
console.log(`${runs} fresh process(es) per size: times and peak RSS are the medians over them, ratios are taken between those medians; analyze/JSON.parse range gives the lowest and highest ratio of single runs; the last three columns size the result: its principals, role mappings and findings as JSON, and how long JSON.parse takes to build them from that text (after the analysis, in the same process)`);
console.log('principals  policies  resources  input MiB  JSON.parse ms  parse ms  analyze ms  total ms  total/JSON.parse  analyze/JSON.parse  peak RSS MiB  findings  role mappings  JSON.parse CPU ms  parse CPU ms  analyze CPU ms  analyze/JSON.parse CPU  analyze/JSON.parse range  result MiB  result JSON.parse ms  analyze/result JSON.parse');
const rows = [];
for (const n of sizes) {
  const samples = [];
  for (let k = 0; k < runs; k++) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=6144', path.join(__dirname, 'measure.js'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    samples.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const r = medianRow(samples);
  const ratios = samples.map(x => x.analyzeMs / x.jsonParseMs);
  rows.push(r);
  console.log(
    [r.principals, r.policies, r.resources, r.inputMiB.toFixed(1), r.jsonParseMs.toFixed(0), r.parseMs.toFixed(0), r.analyzeMs.toFixed(0), r.totalMs.toFixed(0), `${(r.totalMs / r.jsonParseMs).toFixed(1)}×`, `${(r.analyzeMs / r.jsonParseMs).toFixed(1)}×`, r.peakRssMiB.toFixed(0), r.findings, r.roleMappings, r.jsonParseCpuMs.toFixed(0), r.parseCpuMs.toFixed(0), r.analyzeCpuMs.toFixed(0), `${(r.analyzeCpuMs / r.jsonParseCpuMs).toFixed(1)}×`, `${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}×`, r.resultMiB.toFixed(1), r.resultJsonParseMs.toFixed(0), `${(r.analyzeMs / r.resultJsonParseMs).toFixed(1)}×`].join('  '),
  );
}
const at = n => rows.find(r => r.principals === n);
if (at(10000) && at(50000)) console.log(`growth 10k → 50k principals: total time ×${(at(50000).totalMs / at(10000).totalMs).toFixed(2)} (target ≤ 6)`);
console.log(`load average after: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
