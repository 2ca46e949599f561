import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { RENDERER_CONTENT_SECURITY_POLICY } from './src/main/content-security-policy';

const root = fileURLToPath(new URL('.', import.meta.url));

const alias = {
  '@shared': resolve(root, 'src/shared'),
  '@renderer': resolve(root, 'src/renderer/src'),
};

/**
 * Puts the CSP into the built index.html as a meta tag, so the page is locked down however it is loaded
 * (file:// in Electron, where response headers cannot be set, and the browser-mode HTTP server). Only for
 * builds: the dev server injects an inline React Refresh preamble that this policy would block.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'mesi:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Native and Node-only packages stay in node_modules, loaded at run time (asarUnpack in
      // electron-builder.yml keeps better-sqlite3 and keytar outside the archive).
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload is run by Electron's own loader, which only understands CommonJS and can only
      // require 'electron': bundle everything into one .cjs file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // Relative asset URLs: the same build loads from file:// in Electron and from the browser-mode server.
    base: './',
    resolve: { alias },
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
