import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import solc from 'solc';
import { z } from 'zod';

/** Solidity compiler settings; changing any of them changes the committed bytecode. */
export const compilerSettings = {
  // OpenZeppelin 5 uses mcopy (EIP-5656), so the target is Cancun or later; anvil runs it.
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
} as const;

/** One compiled contract: its name, the source it came from, its ABI and its creation bytecode (0x…). */
export interface CompiledContract {
  name: string;
  source: string;
  abi: unknown[];
  bytecode: `0x${string}`;
}

/** A compile that produced errors: each line reads `file:line:column: message`. */
export class SolidityCompileError extends Error {
  constructor(readonly lines: string[]) {
    super(`Solidity compile failed:\n${lines.join('\n')}`);
    this.name = 'SolidityCompileError';
  }
}

const require = createRequire(import.meta.url);

// Source unit names are relative to the repository root ('contracts/src/MesiToken.sol', '@openzeppelin/…'):
// they end up in the metadata hash appended to the bytecode, so an absolute path would make the bytecode
// differ from one clone to another.
const solcOutputSchema = z.object({
  errors: z
    .array(
      z.object({
        severity: z.string(),
        type: z.string(),
        message: z.string(),
        formattedMessage: z.string().optional(),
        sourceLocation: z.object({ file: z.string(), start: z.number(), end: z.number() }).optional(),
      }),
    )
    .optional(),
  contracts: z
    .record(
      z.string(),
      z.record(
        z.string(),
        z.object({
          abi: z.array(z.unknown()),
          evm: z.object({ bytecode: z.object({ object: z.string() }) }),
        }),
      ),
    )
    .optional(),
});

type SolcDiagnostic = NonNullable<z.infer<typeof solcOutputSchema>['errors']>[number];

/** Lists the project's own Solidity sources (`contracts/src/*.sol`), sorted so output order is stable. */
export function listSources(rootDir: string): string[] {
  return readdirSync(join(rootDir, 'contracts', 'src'))
    .filter((file) => file.endsWith('.sol'))
    .sort()
    .map((file) => `contracts/src/${file}`);
}

/**
 * Compiles the given sources (paths relative to the repository root `rootDir`) with solc's standard JSON interface.
 * Promises the contracts of those sources only (not of their imports), sorted by source then name;
 * throws SolidityCompileError when solc reports any error. Warnings go to `onWarning`.
 */
export function compileContracts(
  rootDir: string,
  sources: string[],
  onWarning: (line: string) => void = () => {},
): CompiledContract[] {
  const contents = new Map<string, string>();
  for (const source of sources) contents.set(source, readFileSync(join(rootDir, source), 'utf8'));

  const input = {
    language: 'Solidity',
    sources: Object.fromEntries([...contents].map(([name, content]) => [name, { content }])),
    settings: {
      ...compilerSettings,
      outputSelection: Object.fromEntries(
        sources.map((name) => [name, { '*': ['abi', 'evm.bytecode.object'] }]),
      ),
    },
  };

  const findImports = (path: string): { contents: string } | { error: string } => {
    const resolved = resolveImport(path);
    if ('error' in resolved) return resolved;
    contents.set(path, resolved.contents);
    return resolved;
  };

  const raw: unknown = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const output = solcOutputSchema.parse(raw);

  const diagnostics = output.errors ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new SolidityCompileError(errors.map((d) => describe(d, contents)));
  for (const warning of diagnostics.filter((d) => d.severity === 'warning')) {
    onWarning(describe(warning, contents));
  }

  const compiled: CompiledContract[] = [];
  for (const source of sources) {
    const bySource = output.contracts?.[source] ?? {};
    for (const name of Object.keys(bySource).sort()) {
      const contract = bySource[name]!;
      compiled.push({ name, source, abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` });
    }
  }
  return compiled;
}

/** Reads `@openzeppelin/contracts/...` from node_modules; any other import is refused with a clear reason. */
function resolveImport(path: string): { contents: string } | { error: string } {
  const packageName = '@openzeppelin/contracts';
  if (!path.startsWith(`${packageName}/`)) {
    return { error: `only ${packageName}/… imports are resolved from node_modules (got "${path}")` };
  }
  const relative = normalize(path.slice(packageName.length + 1));
  if (relative.startsWith('..')) return { error: `import "${path}" leaves ${packageName}` };
  const packageRoot = dirname(require.resolve(`${packageName}/package.json`));
  try {
    return { contents: readFileSync(join(packageRoot, relative), 'utf8') };
  } catch {
    return { error: `file not found in ${packageName}: ${relative}` };
  }
}

/** `file:line:column: message` for a diagnostic, or solc's own text when it has no location. */
function describe(diagnostic: SolcDiagnostic, contents: Map<string, string>): string {
  const location = diagnostic.sourceLocation;
  const text = location ? contents.get(location.file) : undefined;
  if (!location || text === undefined) {
    return `${location?.file ?? 'solc'}: ${diagnostic.type}: ${diagnostic.message}`;
  }
  // solc counts bytes of UTF-8, not UTF-16 code units.
  const before = Buffer.from(text, 'utf8').subarray(0, Math.max(0, location.start)).toString('utf8');
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${location.file}:${line}:${column}: ${diagnostic.type}: ${diagnostic.message}`;
}
