// Runs the analysis benchmark at 1k, 10k and 50k principals, each in a fresh process.
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
// CPU time (all threads of the process, GC helpers included) is shown beside wall time: on a shared machine wall time also counts waiting for a core.
console.log(`load average before: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
console.log('principals  policies  resources  input MiB  JSON.parse ms  parse ms  analyze ms  total ms  total/JSON.parse  analyze/JSON.parse  peak RSS MiB  findings  role mappings  JSON.parse CPU ms  parse CPU ms  analyze CPU ms  analyze/JSON.parse CPU');
const rows = [];
for (const n of sizes) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=6144', path.join(__dirname, 'measure.js'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').pop());
  rows.push(r);
  console.log(
    [r.principals, r.policies, r.resources, r.inputMiB.toFixed(1), r.jsonParseMs.toFixed(0), r.parseMs.toFixed(0), r.analyzeMs.toFixed(0), r.totalMs.toFixed(0), `${(r.totalMs / r.jsonParseMs).toFixed(1)}×`, `${(r.analyzeMs / r.jsonParseMs).toFixed(1)}×`, r.peakRssMiB.toFixed(0), r.findings, r.roleMappings, r.jsonParseCpuMs.toFixed(0), r.parseCpuMs.toFixed(0), r.analyzeCpuMs.toFixed(0), `${(r.analyzeCpuMs / r.jsonParseCpuMs).toFixed(1)}×`].join('  '),
  );
}
const at = n => rows.find(r => r.principals === n);
if (at(10000) && at(50000)) console.log(`growth 10k → 50k principals: total time ×${(at(50000).totalMs / at(10000).totalMs).toFixed(2)} (target ≤ 6)`);
console.log(`load average after: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
