import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The UIs `npm start` serves, each rebuilt when a source is newer than its output. */
const UI_BUILDS = [
  {
    name: 'studio UI',
    output: 'out/renderer/index.html',
    sources: ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'src/main', 'src/preload'],
    command: ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
  },
  {
    name: 'fan web app',
    output: 'server/web/dist/index.html',
    sources: ['server/web', 'src/shared'],
    command: ['node_modules/vite/bin/vite.js', 'build', '--config', 'server/web/vite.config.ts'],
  },
] as const;

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/** Builds each UI whose output is missing or older than its sources. */
export function ensureUiBuilds(root: string): void {
  for (const build of UI_BUILDS) {
    const output = join(root, build.output);
    const built = existsSync(output) ? statSync(output).mtimeMs : 0;
    const changed = Math.max(...build.sources.map((s) => newestChange(join(root, s))));
    if (built >= changed) continue;
    console.log(`Building the ${build.name}…`);
    const result = spawnSync(process.execPath, [...build.command], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`Building the ${build.name} failed (exit ${result.status})`);
  }
}
