import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HDNodeWallet } from 'ethers';

/** A running local anvil node. */
export interface LocalChain {
  /** `http://127.0.0.1:<port>`: JSON-RPC over HTTP (and WebSocket on the same port). */
  rpcUrl: string;
  chainId: number;
  /** Private keys (0x…) of the funded dev accounts, in anvil's order: account 0 first. */
  accounts: string[];
  /** Stops the node (SIGTERM, then SIGKILL after 3 s); safe to call twice. */
  stop(): Promise<void>;
}

export interface StartAnvilOptions {
  /** Port to listen on; by default anvil binds port 0 and reports the port the OS gave it. */
  port?: number;
  /** How many funded dev accounts to create (anvil's default is 10). */
  accountCount?: number;
}

/** Anvil's (and Hardhat's) default dev mnemonic: the keys it derives are public knowledge, for tests only. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
export const ANVIL_CHAIN_ID = 31337;

const startTimeoutMs = 20_000;
const stopGraceMs = 3_000;

const require = createRequire(import.meta.url);
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
let keyCache: string[] = [];

/**
 * Starts anvil on 127.0.0.1 with the default dev mnemonic and resolves once its JSON-RPC answers.
 * Promises that the process is killed by `stop()` or, failing that, when this Node process exits.
 */
export async function startAnvil(opts: StartAnvilOptions = {}): Promise<LocalChain> {
  const accountCount = opts.accountCount ?? 10;
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(opts.port ?? 0),
    '--mnemonic',
    DEV_MNEMONIC,
    '--accounts',
    String(accountCount),
    '--chain-id',
    String(ANVIL_CHAIN_ID),
  ];
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  installExitHook();

  const stop = () => stopProcess(child);
  try {
    const port = await waitForListening(child);
    const rpcUrl = `http://127.0.0.1:${port}`;
    await waitForRpc(rpcUrl, child);
    return { rpcUrl, chainId: ANVIL_CHAIN_ID, accounts: devPrivateKeys(accountCount), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The anvil executable shipped by `@foundry-rs/anvil`, found the way its own `bin.mjs` finds it: the
 * platform package `@foundry-rs/anvil-<platform>-<arch>/bin/anvil`, resolved from the wrapper package, with
 * the wrapper's `dist/` folder as fallback. Throws a clear error on an unsupported platform.
 */
export function anvilBinaryPath(): string {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string];
  const supported = ['linux', 'darwin', 'win32'].includes(process.platform);
  if (!arch || !supported || (process.platform === 'win32' && arch !== 'amd64')) {
    throw new Error(`anvil: no @foundry-rs/anvil binary for ${process.platform}/${process.arch}`);
  }
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const wrapperDir = dirname(require.resolve('@foundry-rs/anvil/package.json'));
  const fromWrapper = createRequire(join(wrapperDir, 'bin.mjs'));
  try {
    const candidate = fromWrapper.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/${binaryName}`);
    if (existsSync(candidate)) return candidate;
  } catch {
    // Not installed as a platform package: try the wrapper's dist/ folder, as bin.mjs does.
  }
  const fallback = join(wrapperDir, '..', 'dist', binaryName);
  if (existsSync(fallback)) return fallback;
  throw new Error(
    `anvil: @foundry-rs/anvil-${process.platform}-${arch} is not installed (optional dependency of ` +
      '@foundry-rs/anvil); run npm install without --omit=optional',
  );
}

// One listener for every node, so many chains in one process do not trip MaxListenersExceededWarning.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function devPrivateKeys(count: number): string[] {
  if (keyCache.length < count) {
    const root = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0");
    keyCache = Array.from({ length: count }, (_, index) => root.deriveChild(index).privateKey);
  }
  return keyCache.slice(0, count);
}

/** Reads anvil's stdout until "Listening on 127.0.0.1:<port>"; keeps draining it afterwards. */
function waitForListening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let tail = '';
    const timer = setTimeout(
      () => fail(new Error(`anvil did not start within ${startTimeoutMs} ms${said()}`)),
      startTimeoutMs,
    );
    const said = () => (tail.trim() ? `; it said:\n${tail.trim()}` : '');
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onStdout = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = /Listening on [^\s:]+:(\d+)/.exec(buffered);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      } else if (buffered.length > 64_000) {
        buffered = buffered.slice(-1_000);
      }
    };
    const onStderr = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-2_000);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`anvil exited before listening (code ${code}, signal ${signal})${said()}`));
    const onError = (error: Error) => fail(new Error(`anvil could not be started: ${error.message}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.stderr?.off('data', onStderr);
      child.off('exit', onExit);
      child.off('error', onError);
      // anvil logs every request; a full pipe would block it, so keep reading and drop the text.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on('data', onStdout);
    child.stderr?.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitForRpc(rpcUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('anvil exited while starting');
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await response.json()) as { result?: unknown };
      if (body.result === `0x${ANVIL_CHAIN_ID.toString(16)}`) return;
      lastError = `unexpected answer ${JSON.stringify(body)}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`anvil JSON-RPC at ${rpcUrl} did not answer: ${lastError}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  // No pid: spawn itself failed (say, ENOENT), and no 'exit' event may ever come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
