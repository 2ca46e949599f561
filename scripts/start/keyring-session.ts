import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * The studio keeps account tokens in the OS keychain. A Linux machine without a desktop session (a server,
 * a container, CI) has no Secret Service; when dbus-run-session and gnome-keyring are installed we re-run
 * this script inside a private D-Bus session with an unlocked throwaway keyring, so `npm start` works there
 * too (its keyring files in `keyringHome`). On a desktop (or macOS/Windows) the user's own keychain is used and nothing happens here.
 * Resolves to the child's exit code when it re-ran the script, or null when the caller should just go on.
 */
export async function rerunInsideKeyringSession(
  argv: readonly string[],
  keyringHome: string,
): Promise<number | null> {
  if (
    process.platform !== 'linux' ||
    process.env.DBUS_SESSION_BUS_ADDRESS ||
    process.env.MESI_KEYRING_SESSION
  ) {
    return null;
  }
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) return null;
  mkdirSync(keyringHome, { recursive: true });
  console.log('No desktop keychain session found: starting a private D-Bus session with gnome-keyring.');
  const inner = 'echo -n mesi | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"';
  const child = spawn(
    'dbus-run-session',
    ['--', 'sh', '-c', inner, 'sh', process.execPath, ...process.execArgv, ...argv],
    {
      stdio: 'inherit',
      // The throwaway keyring lives in the data folder, so tokens survive restarts and never touch a real one.
      env: { ...process.env, MESI_KEYRING_SESSION: '1', XDG_DATA_HOME: keyringHome },
      detached: true, // its own process group, so a signal reaches the session, the keyring and the app alike
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.pid) process.kill(-child.pid, signal);
    });
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}
