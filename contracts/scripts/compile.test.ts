import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileContracts, listSources, SolidityCompileError } from './compile';

const roots: string[] = [];

/** A throwaway repository root holding the given contracts/src files. */
function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mesi-contracts-'));
  roots.push(root);
  mkdirSync(join(root, 'contracts', 'src'), { recursive: true });
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(root, 'contracts', 'src', name), content);
  return root;
}

function compileErrorOf(root: string): SolidityCompileError {
  try {
    compileContracts(root, listSources(root));
  } catch (error) {
    if (error instanceof SolidityCompileError) return error;
    throw error;
  }
  throw new Error('expected the compile to fail');
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('compileContracts', () => {
  it("reports a Solidity error as file:line:column with solc's message", () => {
    const root = repoWith({
      'Broken.sol': [
        '// SPDX-License-Identifier: MIT',
        'pragma solidity ^0.8.24;',
        '// é: a multi-byte character before the error must not shift the column',
        'contract Broken {',
        '    function f() external pure returns (uint256) { return missing; }',
        '}',
        '',
      ].join('\n'),
    });

    const error = compileErrorOf(root);
    expect(error.lines).toEqual(['contracts/src/Broken.sol:5:59: DeclarationError: Undeclared identifier.']);
  });

  it('refuses imports from anywhere but @openzeppelin/contracts, saying why', () => {
    const root = repoWith({
      'Sneaky.sol': '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\nimport "lodash/x.sol";\n',
    });

    const error = compileErrorOf(root);
    expect(error.lines).toHaveLength(1);
    expect(error.lines[0]).toMatch(
      /^contracts\/src\/Sneaky\.sol:3:1: .*only @openzeppelin\/contracts\/… imports/,
    );
  });
});
