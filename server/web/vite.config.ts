import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths resolve from this file's folder so `vite build --config server/web/vite.config.ts` works from the repo root.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// `vite dev` forwards API calls to a running server (npm run server); MESI_API_URL points elsewhere.
const apiTarget = process.env.MESI_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  plugins: [react()],
  resolve: { alias: { '@shared': here('../../src/shared') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Everything under /assets/, which the server serves with long-lived caching; nothing inline (strict CSP).
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
});
