import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('./src/shared', import.meta.url));
const alias = { '@shared': shared };

// One project per layer, so each keeps its own setup (the server's pre-initialised PGlite template, the
// studio's temp folders) and `vitest run --project server` runs one layer alone.
export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { resolve: { alias }, test: { name: 'domain', include: ['src/shared/**/*.test.ts'] } },
      // Media processing with the real ffmpeg and sharp: the studio's vault and the server's uploads share it.
      {
        resolve: { alias },
        test: { name: 'encoder', include: ['src/encoder/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          globalSetup: ['server/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'studio',
          include: ['src/main/**/*.test.ts'],
          globalSetup: ['src/main/studio/test/server-template.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: { name: 'ui', include: ['src/renderer/**/*.test.ts', 'server/web/src/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'contracts',
          include: ['contracts/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
