import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: retakes the README's screenshots (docs/screenshots/) from a first run with the demo
 * data. Only this command writes them; the e2e suite never does.
 */
export default defineConfig({
  ...base,
  // The suite's projects (studio, fan) would match no file here.
  projects: undefined,
  workers: 1,
  testDir: 'e2e/screenshots',
  testMatch: '*.ts',
  testIgnore: [],
  globalSetup: './e2e/support/screenshots-setup.ts',
  outputDir: 'test-results/screenshots',
});
