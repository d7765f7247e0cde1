import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chromiumArgs: string[] = require('./scripts/chromiumArgs');

// Browser tests run against the real portal (./run start) in Debian's
// Chromium; Playwright's own browser downloads are never used.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const reuse = !process.env.CI && !process.env.E2E_FRESH_PORTAL;
// A fresh SQLite directory per run, so tests never see a developer's data.
const dataDir = mkdtempSync(join(tmpdir(), 'resource-profiles-e2e-'));
// Ports of their own, so a portal a developer is running stays untouched.
const appPort = process.env.E2E_APP_PORT ?? '3100';
const backendPort = process.env.E2E_BACKEND_PORT ?? '7107';
process.env.E2E_BACKEND_URL = `http://localhost:${backendPort}`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: './packages/app/e2e-tests/waitForBackend.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  webServer: [
    {
      command: 'node .yarn/releases/yarn-4.13.0.cjs start',
      url: `http://localhost:${appPort}`,
      reuseExistingServer: reuse,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        APP_CONFIG_app_baseUrl: `http://localhost:${appPort}`,
        APP_CONFIG_backend_baseUrl: `http://localhost:${backendPort}`,
        APP_CONFIG_backend_listen_port: backendPort,
        APP_CONFIG_backend_cors_origin: `http://localhost:${appPort}`,
        APP_CONFIG_backend_database_connection_directory: dataDir,
        // Refresh stored profiles right after start-up.
        APP_CONFIG_resourceProfiles_refresh_schedule_initialDelay_seconds: '1',
      },
    },
  ],
  use: {
    baseURL: `http://localhost:${appPort}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: chromiumArgs,
    },
    viewport: { width: 1440, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
