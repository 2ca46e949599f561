/**
 * `npm start`: the server (embedded PGlite unless DATABASE_URL is set) and the studio connected to it.
 * The studio opens in Electron where its binary is installed, and otherwise in browser mode (the same
 * studio services and UI behind a loopback URL with a random token). A first run creates demo data.
 *
 *   --no-demo          no demo accounts and posts on a first run
 *   --data-dir <dir>   default ./data (server/ holds the server's database, studio/ the studio's files)
 *   --port <n>         the server's port (default PORT or 4000; 0 picks a free one)
 *   --studio-port <n>  browser mode's port (default 0: a free one)
 *   --browser          browser mode even where Electron is installed
 *   --url-file <file>  write { serverUrl, studioUrl } there once ready (used by the e2e tests)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mailOutboxDir, startServer } from '../server/src/app';
import { ConfigError, loadConfig } from '../server/src/config';
import { startBrowserMode } from '../src/main/studio/browser-mode/server';
import { createStudio } from '../src/main/studio/services';
import { KeytarSecretStore } from '../src/main/studio/secrets/keytar-secret-store';
import { ensureUiBuilds } from './start/builds';
import { DEMO_CREATOR, DEMO_FAN, seedDemo } from './start/demo';
import { startDemoMedia, type DemoMediaDelivery } from './start/demo-media';
import { throughStudioVault, throughTus } from './start/demo-media-delivery';
import { rerunInsideKeyringSession } from './start/keyring-session';

const root = resolve(import.meta.dirname, '..');

const { values: options } = parseArgs({
  options: {
    'no-demo': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: process.env.MESI_DATA_DIR ?? './data' },
    port: { type: 'string' },
    'studio-port': { type: 'string', default: '0' },
    browser: { type: 'boolean', default: false },
    'url-file': { type: 'string' },
  },
});

/**
 * The Electron binary's path when it was downloaded at install time, else null. Read from the package's
 * files rather than `require('electron')`, which tries to download a missing binary.
 */
function electronBinary(): string | null {
  const packageDir = join(root, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

async function main(): Promise<number> {
  const dataDir = resolve(options['data-dir']);
  const rerun = await rerunInsideKeyringSession(process.argv.slice(1), join(dataDir, 'keyring'));
  if (rerun !== null) return rerun;

  const serverDir = join(dataDir, 'server');
  const firstRun = !existsSync(serverDir) || readdirSync(serverDir).length === 0;
  mkdirSync(serverDir, { recursive: true });

  const electron = options.browser ? null : electronBinary();
  ensureUiBuilds(root);

  let config;
  try {
    config = loadConfig({
      ...process.env,
      DATA_DIR: serverDir,
      ...(options.port ? { PORT: options.port } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  console.log(firstRun ? 'Preparing a new data folder (first run takes a few seconds)…' : 'Starting…');
  const server = await startServer(config);
  const stops: (() => Promise<void>)[] = [() => server.close()];

  const demo = firstRun && !options['no-demo'] ? await seedDemo(server.url, root) : null;
  // How the demo media reaches the server: the studio's vault when the studio runs in this process.
  let demoMediaDelivery: DemoMediaDelivery | null = null;

  let studioUrl: string | null = null;
  if (electron) {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview'],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, MESI_SERVER_URL: server.url },
      },
    );
    child.once('exit', () => void shutdown());
    stops.unshift(async () => void child.kill('SIGTERM'));
  } else {
    const studio = await createStudio({
      dataDir: join(dataDir, 'studio'),
      secretStore: new KeytarSecretStore(),
      // The studio follows this server when a restart gives it another port (`--port 0`).
      localServerUrl: server.url,
    });
    const browserMode = await startBrowserMode({
      studio,
      rendererDir: join(root, 'out/renderer'),
      port: Number(options['studio-port']),
      allow: true,
    });
    stops.unshift(
      () => browserMode.close(),
      () => studio.close(),
    );
    studioUrl = browserMode.url;
    if (demo) {
      const account = await studio.router.createCaller(studio.createContext()).accounts.signIn({
        serverUrl: server.url,
        email: DEMO_CREATOR.email,
        password: DEMO_CREATOR.password,
      });
      demoMediaDelivery = throughStudioVault(studio, account.id);
    }
  }

  const lines = [
    '',
    'Mesi Studio is running.',
    `  Server:   ${server.url}  (${server.databaseKind} database in ${config.databaseUrl ? 'DATABASE_URL' : serverDir})`,
    studioUrl ? `  Studio:   ${studioUrl}` : '  Studio:   opening in Electron',
    studioUrl
      ? '            (browser mode: the Electron binary is not installed; open this URL in a browser)'
      : '',
    `  Mail:     ${server.mailDescription}`,
    server.live
      ? `  Live:     studios push to ${server.live.rtmpUrl}; players fetch from ${server.live.playbackUrl}`
      : '',
  ];
  if (firstRun && !options['no-demo']) {
    lines.push(
      `  Fan page: ${server.url}/c/${DEMO_CREATOR.handle}`,
      `  Demo creator: ${DEMO_CREATOR.email} / ${DEMO_CREATOR.password}${studioUrl ? ' (signed in to the studio)' : ''}`,
      `  Demo fan:     ${DEMO_FAN.email} / ${DEMO_FAN.password}`,
    );
  }
  lines.push('Press Ctrl+C to stop.', '');
  console.log(lines.filter((l) => l !== '').join('\n'));
  if (demo) {
    const media = startDemoMedia({
      serverUrl: server.url,
      creatorToken: demo.creatorToken,
      deliver: demoMediaDelivery ?? throughTus(server.url, demo.creatorToken),
    });
    stops.unshift(() => media.stop());
  }
  if (options['url-file']) {
    writeFileSync(
      options['url-file'],
      JSON.stringify({ serverUrl: server.url, studioUrl, mailOutboxDir: mailOutboxDir(config) }),
    );
  }

  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const stop of stops) await stop().catch((error: unknown) => console.error(error));
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  return new Promise<number>(() => {}); // runs until a signal
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
