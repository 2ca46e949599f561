import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../test/csv-reader';
import { csvCell, csvText } from './csv';

/** Any text, often starting with a character that a spreadsheet or a CSV reader treats specially. */
const cellArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ','), fc.string({ maxLength: 8 }))
    .map(([first, rest]) => first + rest),
);

describe('CSV cells and rows (RFC 4180)', () => {
  it('quotes only what must be quoted, and defuses every cell a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=A1,"b"')).toBe(`"'=A1,""b"""`);
    expect(csvCell('1=1')).toBe('1=1');
  });

  it('any cells read back as written, a formula-like one with its quote mark, and none starts a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const read = readCsv(csvText(rows));
          expect(read).toEqual(
            rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))),
          );
          for (const cell of read.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
        },
      ),
    );
  });
});
