import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import packageJson from '../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const dependencies = Object.keys(packageJson.dependencies);

// The production server: one ESM file for Node. Every npm dependency stays external and loads from
// node_modules at run time (PGlite must find its wasm and data files next to its own code).
export default defineConfig({
  root,
  resolve: { alias: { '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)) } },
  ssr: { external: dependencies, noExternal: [] },
  build: {
    ssr: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      external: (id) =>
        id.startsWith('node:') ||
        builtinModules.includes(id) ||
        dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
