import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'data/',
      'server/web/dist/',
      'server/dist/',
      'contracts/generated/',
      'contracts/artifacts/',
      'test-results/',
      'playwright-report/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'server/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The "may import" column of docs/ARCHITECTURE.md, enforced: each part imports only what its row allows.
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/elements': [
        { type: 'shared', pattern: 'src/shared' },
        { type: 'encoder', pattern: 'src/encoder' },
        { type: 'studio', pattern: 'src/main/studio' },
        { type: 'shell', pattern: 'src/main' },
        { type: 'preload', pattern: 'src/preload' },
        { type: 'renderer', pattern: 'src/renderer' },
        { type: 'web', pattern: 'server/web' },
        { type: 'server', pattern: 'server/src' },
        { type: 'contracts', pattern: 'contracts' },
        { type: 'tooling', pattern: '(bench|e2e|scripts)' },
      ],
      'boundaries/files': [{ category: 'test', pattern: ['**/*.{test,spec}.{ts,tsx}', '**/test/**'] }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          policies: [
            // npm packages and Node's own modules: allowed, except where a later policy says otherwise.
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            { from: { element: { type: 'shared' } }, allow: { to: { element: { type: 'shared' } } } },
            {
              from: { element: { type: 'studio' } },
              allow: { to: { element: { types: { anyOf: ['studio', 'shared', 'encoder'] } } } },
            },
            // Media processing (ffmpeg, sharp) runs in Node for both the studio and the server.
            {
              from: { element: { type: 'encoder' } },
              allow: { to: { element: { types: { anyOf: ['encoder', 'shared'] } } } },
            },
            // The studio calls the server through tRPC: its router's type, never its code.
            {
              from: { element: { type: 'studio' } },
              allow: { to: { element: { type: 'server' } }, dependency: { kind: 'type' } },
            },
            {
              from: { element: { type: 'shell' } },
              allow: { to: { element: { types: { anyOf: ['shell', 'studio', 'shared'] } } } },
            },
            { from: { element: { type: 'preload' } }, allow: { to: { element: { type: 'preload' } } } },
            {
              from: { element: { type: 'renderer' } },
              allow: { to: { element: { types: { anyOf: ['renderer', 'shared'] } } } },
            },
            // The renderer sees the studio router's type only; the fan web app the server router's.
            {
              from: { element: { type: 'renderer' } },
              allow: { to: { element: { type: 'studio' } }, dependency: { kind: 'type' } },
            },
            {
              from: { element: { type: 'web' } },
              allow: { to: { element: { types: { anyOf: ['web', 'shared'] } } } },
            },
            {
              from: { element: { type: 'web' } },
              allow: { to: { element: { type: 'server' } }, dependency: { kind: 'type' } },
            },
            {
              from: { element: { type: 'server' } },
              allow: { to: { element: { types: { anyOf: ['server', 'shared', 'contracts', 'encoder'] } } } },
            },
            { from: { element: { type: 'contracts' } }, allow: { to: { element: { type: 'contracts' } } } },
            { from: { element: { type: 'tooling' } }, allow: { to: { element: { type: '*' } } } },
            // Tests may reach across (an IPC round trip through the renderer's link and the main's handler).
            { from: { file: { categories: 'test' } }, allow: { to: { element: { type: '*' } } } },
            // The shared domain runs everywhere: no test library in it, tests and their support aside.
            {
              from: { element: { type: 'shared' } },
              disallow: {
                to: { module: { origin: 'external', source: ['vitest', 'fast-check', '@playwright/*'] } },
              },
            },
            {
              from: { file: { categories: 'test' } },
              allow: { to: { module: { origin: ['external', 'core'] } } },
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no Node, DOM or Electron APIs (ARCHITECTURE.md, "Folders").
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts', 'src/shared/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'crypto'],
              message: 'src/shared is pure: no Node APIs.',
            },
            {
              group: ['electron', 'react', 'react-dom', 'better-sqlite3', 'kysely', '@trpc/*'],
              message: 'src/shared is pure: no I/O or UI libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'fetch', 'localStorage'],
    },
  },
  {
    // The UIs run in a browser context (what they may import of the project: the boundaries above).
    files: ['src/renderer/**/*.{ts,tsx}', 'server/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'node:*'], message: 'The UI runs in a browser context.' }] },
      ],
    },
  },
);
