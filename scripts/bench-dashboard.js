// Frontend benchmark: how long the violations dashboard takes to show its
// first page with 200,000 findings in the backend, in headless Chromium.
//   yarn bench:dashboard            (starts its own portal on :3200/:7207)
// Prints the machine, the median of several loads of the dashboard, and the
// catalog page measured in the same run as a baseline.
/* eslint-disable no-console */
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const Database = require('better-sqlite3');

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const APP = 'http://localhost:3200';
const BACKEND = 'http://localhost:7207';
const root = path.resolve(__dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rp-bench-dashboard-'));

async function waitFor(check, what, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function platformToken() {
  const r = await fetch(`${BACKEND}/api/auth/demo/refresh`, { headers: { 'x-demo-user': 'dana.whitfield' } });
  return (await r.json()).backstageIdentity.token;
}

/** Adds synthetic open findings and their counts to the latest snapshot. */
function seed() {
  const db = new Database(path.join(dataDir, 'resource-profiles.sqlite'));
  const { id: snapshot } = db.prepare('select max(id) as id from snapshots').get();
  const severities = ['critical', 'high', 'medium', 'low'];
  const rules = ['privilege-escalation', 'sod-conflict', 'full-admin', 'trust-open-to-any', 'policy-attached-to-user'];
  const owners = ['payments', 'checkout', 'data-platform', 'identity', 'mobile', 'growth', 'platform-team', 'security'];
  const envs = ['prod', 'staging', 'dev'];
  const insert = db.prepare(`insert into findings (id, rule, method, severity, severity_rank, title, principal_arn,
    principal_name, principal_type, resources, evidence, remediation, conditional, owner, environment, search_text,
    first_seen_at, last_seen_at) values (?, ?, null, ?, ?, ?, ?, ?, 'role', '[]', '{}', 'Remove the grant', 0, ?, ?, ?, ?, ?)`);
  const counts = new Map();
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < FINDINGS; i++) {
      const severity = severities[i % 4];
      const rule = rules[i % 5];
      const owner = `group:default/${owners[i % owners.length]}`;
      const env = envs[i % 3];
      insert.run(`bench-${i}`, rule, severity, i % 4, `Synthetic finding ${i}`, `arn:aws:iam::111122223333:role/r-${i}`,
        `r-${i}`, owner, env, `synthetic finding ${i} r-${i}`, now, now);
      const key = [owner, env, rule, severity].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const add = db.prepare('insert into snapshot_counts (snapshot_id, owner, environment, rule, severity, count) values (?, ?, ?, ?, ?, ?)');
    for (const [key, count] of counts) add.run(snapshot, ...key.split('|'), count);
  })();
  const total = db.prepare('select count(*) as n from findings where resolved_at is null').get().n;
  db.close();
  return total;
}

async function timeLoad(page, url, ready) {
  const start = Date.now();
  await page.goto(url);
  await ready(page);
  return Date.now() - start;
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const portal = spawn(process.execPath, [path.join(root, '.yarn/releases/yarn-4.13.0.cjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      APP_CONFIG_app_baseUrl: APP,
      APP_CONFIG_backend_baseUrl: BACKEND,
      APP_CONFIG_backend_listen_port: '7207',
      APP_CONFIG_backend_cors_origin: APP,
      APP_CONFIG_backend_database_connection_directory: dataDir,
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitFor(async () => (await fetch(APP)).ok, 'the frontend');
    await waitFor(async () => {
      const r = await fetch(`${BACKEND}/api/resource-profiles/sync/status`, { headers: { Authorization: `Bearer ${await platformToken()}` } });
      return r.ok && (await r.json()).lastSnapshot;
    }, 'the first snapshot');
    const total = seed();

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(APP);
    await page.getByRole('button', { name: 'Sign in as dana.whitfield' }).click();
    await page.getByRole('link', { name: 'Catalog', exact: true }).first().waitFor();

    const catalog = [];
    const dashboard = [];
    for (let i = 0; i < RUNS; i++) {
      catalog.push(await timeLoad(page, `${APP}/`, p =>
        p.getByRole('link', { name: 'Resource Profiles for Backstage' }).first().waitFor({ timeout: 60_000 })));
      dashboard.push(await timeLoad(page, `${APP}/resource-profiles?status=open`, async p => {
        await p.getByText('Synthetic finding', { exact: false }).first().waitFor({ timeout: 60_000 });
        await p.getByText('By severity').waitFor();
      }));
    }
    await page.screenshot({ path: path.join(root, 'screenshots', 'bench-dashboard.png') }).catch(() => {});
    await browser.close();

    console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
    console.log(`open findings in the backend: ${total}; ${RUNS} loads each, signed in as the platform team (sees all)`);
    console.log(`catalog page (baseline): median ${median(catalog)} ms  [${catalog.join(', ')}]`);
    console.log(`violations dashboard, first page with counts: median ${median(dashboard)} ms  [${dashboard.join(', ')}] (target ≤ 2000 ms)`);
    console.log(`ratio to baseline: ${(median(dashboard) / median(catalog)).toFixed(2)}×`);
  } finally {
    process.kill(-portal.pid, 'SIGTERM');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
