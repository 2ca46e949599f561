import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/support/chromium';

/**
 * The specs that drive the studio: they share the one studio `npm start` opened (its accounts, its outbox),
 * so they run one at a time. The fan web's specs only share the server, each with accounts of its own, so
 * they run beside them in a second worker (the suite took 12 minutes of CI's 30 in one).
 */
const STUDIO_SPECS = [
  'studio-*.spec.ts',
  'media-post.spec.ts',
  'money-earnings.spec.ts',
  'publish-post.spec.ts',
].map((name) => `**/${name}`);

/** The e2e suite (`npm run test:e2e`, part of `npm test`). The README's screenshots have their own config. */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: 'screenshots/**',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: 'studio', testMatch: STUDIO_SPECS, workers: 1 },
    { name: 'fan', testIgnore: [...STUDIO_SPECS, 'screenshots/**'], workers: 1 },
  ],
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  outputDir: 'test-results',
});
