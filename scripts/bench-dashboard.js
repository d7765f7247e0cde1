// Frontend benchmark: how long the violations dashboard takes to show its
// first page with 200,000 findings in the backend, in headless Chromium.
//   yarn bench:dashboard
//     production build, as deployed: builds packages/app (or reuses a dist
//     newer than the app's sources) and starts only the backend on :7207,
//     which serves the built app (@backstage/plugin-app-backend)
//   BENCH_DASHBOARD_MODE=dev yarn bench:dashboard
//     the development servers (yarn start: webpack dev server on :3200 and the
//     backend on :7207)
// Prints the machine, the median of several loads of the dashboard, when its
// two API calls ran within those loads, and the catalog page measured in the
// same run as a baseline.
// Other settings: BENCH_FINDINGS (200000), BENCH_RUNS (5), BENCH_REBUILD=1
// (always build the app), CHROMIUM_PATH (/usr/bin/chromium).
/* eslint-disable no-console */
const { spawn, spawnSync } = require('node:child_process');
const {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const chromiumArgs = require('./chromiumArgs');
const Database = require('better-sqlite3');
const YAML = require('yaml');

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MODE = process.env.BENCH_DASHBOARD_MODE ?? 'production';
if (MODE !== 'production' && MODE !== 'dev') {
  throw new Error(
    `BENCH_DASHBOARD_MODE is "production" (default) or "dev", not "${MODE}"`,
  );
}
const BACKEND = 'http://localhost:7207';
const APP = MODE === 'dev' ? 'http://localhost:3200' : BACKEND;
const root = path.resolve(__dirname, '..');
const yarnJs = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const appDir = path.join(root, 'packages/app');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rp-bench-dashboard-'));
const portalLog = path.join(os.tmpdir(), 'rp-bench-dashboard-portal.log');
let portalExit;

async function waitFor(check, what, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (portalExit !== undefined) {
      throw new Error(`The portal exited (${portalExit}); see ${portalLog}`);
    }
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; see ${portalLog}`);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** Newest modification time of the files below dir, skipping build output. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      ['node_modules', 'dist', 'dist-types', 'e2e-tests'].includes(entry.name)
    )
      continue;
    const file = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs,
    );
  }
  return newest;
}

/**
 * Builds packages/app unless its dist is newer than everything the bundle is
 * made of: the app, the frontend plugins in this repo, the lockfile.
 */
function ensureAppBuild() {
  const sources = [
    appDir,
    path.join(root, 'plugins/resource-profiles'),
    path.join(root, 'plugins/resource-profiles-common'),
  ];
  const newestSource = Math.max(
    ...sources.map(newestMtime),
    statSync(path.join(root, 'yarn.lock')).mtimeMs,
  );
  let built = 0;
  try {
    built = statSync(path.join(appDir, 'dist/index.html')).mtimeMs;
  } catch {
    // no build yet
  }
  if (process.env.BENCH_REBUILD !== '1' && built > newestSource) {
    console.log(
      `app bundle: reusing packages/app/dist (built ${new Date(
        built,
      ).toISOString()}, newer than the app's sources)`,
    );
    return;
  }
  console.log(
    `app bundle: building packages/app (${
      built ? 'dist is older than the sources' : 'no dist yet'
    }${process.env.BENCH_REBUILD === '1' ? ', BENCH_REBUILD=1' : ''})…`,
  );
  const start = Date.now();
  const result = spawnSync(
    process.execPath,
    [yarnJs, 'workspace', 'app', 'build'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0)
    throw new Error(`yarn workspace app build failed (exit ${result.status})`);
  console.log(
    `app bundle: built in ${((Date.now() - start) / 1000).toFixed(0)} s`,
  );
}

/**
 * Starts the portal in a process group of its own, its output in portalLog.
 */
function startPortal() {
  const env = {
    ...process.env,
    APP_CONFIG_app_baseUrl: APP,
    APP_CONFIG_backend_baseUrl: BACKEND,
    APP_CONFIG_backend_listen_port: '7207',
    APP_CONFIG_backend_cors_origin: APP,
    APP_CONFIG_backend_database_connection_directory: dataDir,
    // The periodic re-analysis (first run a minute after start) would commit
    // a snapshot that resolves the synthetic findings; keep it out of the run.
    APP_CONFIG_resourceProfiles_analysis_schedule: JSON.stringify({
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { hours: 6 },
    }),
  };
  // dev: both development servers; production: only the backend, which
  // serves packages/app/dist from its own port.
  const args = MODE === 'dev' ? ['start'] : ['workspace', 'backend', 'start'];
  const log = openSync(portalLog, 'w');
  const portal = spawn(process.execPath, [yarnJs, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  portal.once('exit', (code, signal) => {
    portalExit = signal ?? code;
  });
  return portal;
}

async function platformToken() {
  const r = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': 'dana.whitfield' },
  });
  return (await r.json()).backstageIdentity.token;
}

/** Adds synthetic open findings and their counts to the latest snapshot. */
function seed() {
  const db = new Database(path.join(dataDir, 'resource-profiles.sqlite'));
  const { id: snapshot } = db
    .prepare('select max(id) as id from snapshots')
    .get();
  const severities = ['critical', 'high', 'medium', 'low'];
  const rules = [
    'privilege-escalation',
    'sod-conflict',
    'full-admin',
    'trust-open-to-any',
    'policy-attached-to-user',
  ];
  const owners = [
    'payments',
    'checkout',
    'data-platform',
    'identity',
    'mobile',
    'growth',
    'platform-team',
    'security',
  ];
  const envs = ['prod', 'staging', 'dev'];
  const insert =
    db.prepare(`insert into findings (id, rule, method, severity, severity_rank, title, principal_arn,
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
      insert.run(
        `bench-${i}`,
        rule,
        severity,
        i % 4,
        `Synthetic finding ${i}`,
        `arn:aws:iam::111122223333:role/r-${i}`,
        `r-${i}`,
        owner,
        env,
        `synthetic finding ${i} r-${i}`,
        now,
        now,
      );
      const key = [owner, env, rule, severity].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const add = db.prepare(
      'insert into snapshot_counts (snapshot_id, owner, environment, rule, severity, count) values (?, ?, ?, ?, ?, ?)',
    );
    for (const [key, count] of counts)
      add.run(snapshot, ...key.split('|'), count);
  })();
  const total = db
    .prepare('select count(*) as n from findings where resolved_at is null')
    .get().n;
  db.close();
  return total;
}

/** Fails the run if a snapshot resolved synthetic findings while it ran. */
function checkSeedIntact() {
  const db = new Database(path.join(dataDir, 'resource-profiles.sqlite'), {
    readonly: true,
  });
  const { n } = db
    .prepare(
      "select count(*) as n from findings where resolved_at is null and id like 'bench-%'",
    )
    .get();
  db.close();
  if (n !== FINDINGS) {
    throw new Error(
      `Only ${n} of ${FINDINGS} synthetic findings are still open: a snapshot committed during the run resolved them, so the figures are not valid`,
    );
  }
}

/**
 * Times one full page load until ready() resolves, and notes when each of the
 * watched API calls started and how long it took, relative to the load.
 */
async function timeLoad(page, url, ready, watch = []) {
  const calls = {};
  const onFinished = request => {
    const { pathname } = new URL(request.url());
    const name = watch.find(w =>
      pathname.endsWith(`/api/resource-profiles/${w}`),
    );
    if (name && !calls[name]) {
      const t = request.timing();
      calls[name] = {
        startTime: t.startTime,
        end: t.responseEnd,
        waiting: t.responseStart - t.requestStart,
      };
    }
  };
  page.on('requestfinished', onFinished);
  const start = Date.now();
  await page.goto(url);
  await ready(page);
  const ms = Date.now() - start;
  page.off('requestfinished', onFinished);
  for (const call of Object.values(calls)) {
    call.at = Math.round(call.startTime - start);
    call.took = Math.round(call.end);
    call.waiting = Math.round(call.waiting);
  }
  return { ms, calls };
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (MODE === 'production') ensureAppBuild();
  const portal = startPortal();
  try {
    await waitFor(async () => {
      const r = await fetch(APP);
      return r.ok && (await r.text()).includes('<div id="root">');
    }, 'the app');
    // A snapshot resolves the findings its analysis does not produce, so seed
    // only once every demo source has synced, the latest snapshot is newer
    // than all of them, and it stays the latest for one more poll.
    const sources = YAML.parse(
      readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    ).resourceProfiles.sources.length;
    let settled;
    await waitFor(async () => {
      const r = await fetch(`${BACKEND}/api/resource-profiles/sync/status`, {
        headers: { Authorization: `Bearer ${await platformToken()}` },
      });
      const status = r.ok && (await r.json());
      const latest = status?.lastSnapshot;
      const synced =
        latest &&
        status.sources.length === sources &&
        status.sources.every(
          s =>
            s.status === 'succeeded' &&
            Date.parse(s.lastSuccessAt) <= Date.parse(latest.createdAt),
        );
      const same = synced && settled === latest.id;
      settled = synced ? latest.id : undefined;
      return same;
    }, 'the first sync of every demo source');
    const total = seed();

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
    });
    await page.goto(APP);
    await page
      .getByRole('button', { name: 'Sign in as dana.whitfield' })
      .click();
    await page
      .getByRole('link', { name: 'Catalog', exact: true })
      .first()
      .waitFor();

    const catalog = [];
    const dashboard = [];
    const screenshot = name =>
      page
        .screenshot({ path: path.join(root, 'screenshots', name) })
        .catch(() => {});
    try {
      for (let i = 0; i < RUNS; i++) {
        catalog.push(
          await timeLoad(page, `${APP}/`, p =>
            p
              .getByRole('link', { name: 'Resource Profiles for Backstage' })
              .first()
              .waitFor({ timeout: 60_000 }),
          ),
        );
        dashboard.push(
          await timeLoad(
            page,
            `${APP}/resource-profiles?status=open`,
            async p => {
              await p
                .getByText('Synthetic finding', { exact: false })
                .first()
                .waitFor({ timeout: 60_000 });
              await p.getByText('By severity').waitFor();
            },
            ['dashboard', 'violations'],
          ),
        );
      }
    } catch (error) {
      await screenshot('bench-dashboard-failure.png');
      throw error;
    }
    await screenshot('bench-dashboard.png');
    await browser.close();
    checkSeedIntact();

    const ms = runs => runs.map(r => r.ms);
    const api = name => {
      const calls = dashboard.map(r => r.calls[name]).filter(Boolean);
      if (calls.length === 0) return `GET /${name}: not seen`;
      return `GET /${name} started at +${median(
        calls.map(c => c.at),
      )} ms, took ${median(
        calls.map(c => c.took),
      )} ms (first byte after ${median(calls.map(c => c.waiting))} ms)`;
    };
    console.log(
      `machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, ${(
        os.totalmem() /
        2 ** 30
      ).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      MODE === 'dev'
        ? 'mode: dev (yarn start: webpack dev server on :3200, backend on :7207)'
        : 'mode: production (packages/app/dist served by the backend on :7207)',
    );
    console.log(
      `open findings in the backend: ${total}; ${RUNS} loads each, signed in as the platform team (sees all)`,
    );
    console.log(
      `catalog page (baseline): median ${median(ms(catalog))} ms  [${ms(
        catalog,
      ).join(', ')}]`,
    );
    console.log(
      `violations dashboard, first page with counts: median ${median(
        ms(dashboard),
      )} ms  [${ms(dashboard).join(', ')}] (target ≤ 2000 ms)`,
    );
    console.log(
      `  within those loads (medians): ${api('dashboard')}; ${api(
        'violations',
      )}`,
    );
    console.log(
      `ratio to baseline: ${(
        median(ms(dashboard)) / median(ms(catalog))
      ).toFixed(2)}×`,
    );
  } finally {
    if (portalExit === undefined) {
      const exited = new Promise(resolve => portal.once('exit', resolve));
      process.kill(-portal.pid, 'SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 15_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
