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
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: they change less often than the app, so browsers keep them cached
        // across releases (the server serves /assets/ as immutable), and no single chunk grows past 500 kB.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie)[\\/]/ },
            {
              name: 'query',
              test: /node_modules[\\/](@tanstack|@trpc)[\\/]/,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      // The server refuses cookie-carrying writes and WebSockets from other origins: through this proxy the
      // page's origin is the dev server's, so the proxy speaks with the server's own.
      '/trpc': { target: apiTarget, changeOrigin: false, ws: true, headers: { origin: apiTarget } },
    },
  },
});
