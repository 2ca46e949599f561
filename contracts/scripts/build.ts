import { fileURLToPath } from 'node:url';
import { compileContracts, listSources, SolidityCompileError } from './compile';
import { writeGenerated } from './generate';

// `npm run contracts:build`: compiles contracts/src/*.sol and rewrites contracts/generated/ (committed; CI
// checks that a rebuild leaves it unchanged).
const rootDir = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<void> {
  const started = performance.now();
  const sources = listSources(rootDir);
  if (sources.length === 0) throw new Error('no Solidity sources in contracts/src');

  const contracts = compileContracts(rootDir, sources, (warning) => console.warn(`warning: ${warning}`));
  const compiledMs = performance.now() - started;

  const written = await writeGenerated(rootDir, contracts);
  const totalMs = performance.now() - started;
  console.log(
    `contracts: compiled ${contracts.map((c) => c.name).join(', ')} in ${(compiledMs / 1000).toFixed(1)} s; ` +
      `wrote contracts/generated/{${written.join(', ')}} (${(totalMs / 1000).toFixed(1)} s in all)`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof SolidityCompileError) {
    console.error(error.message);
  } else {
    console.error('contracts build failed:', error);
  }
  process.exit(1);
});
