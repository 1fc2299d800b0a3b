import { defineConfig } from '@playwright/test';

// A port per run (workers inherit the runner's env), so two runs on one machine do not collide.
process.env.E2E_PORT ??= String(20_000 + (process.pid % 20_000));
const PORT = Number(process.env.E2E_PORT);
export const ADMIN_TOKEN = 'e2e-admin-token';

export default defineConfig({
  testDir: 'e2e',
  // Two cores: one browser at a time keeps timings honest and the run stable.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    // The real demo: backend with its SQLite store + storefront, on a fresh database per run.
    command: `node e2e/support/start-server.mjs`,
    env: { PORT: String(PORT), RESHELF_ADMIN_TOKEN: ADMIN_TOKEN },
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
