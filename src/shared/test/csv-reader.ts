/**
 * Reads CSV text back into rows, strictly by RFC 4180 (CRLF line ends, quoted cells with doubled quotes), for
 * the tests of what the studio exports. Throws on anything the RFC does not allow, so a test of the writer
 * fails on malformed output instead of reading it generously. Not used by product code.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not RFC 4180 CSV at ${i}: ${why}`);
  };
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('a quoted cell is not closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        cell += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('a quote inside an unquoted cell');
        cell += text[i];
        i += 1;
      }
    }
    row.push(cell);
    if (text[i] === ',') {
      i += 1;
      if (i >= text.length) fail('the text ends after a comma');
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) {
      fail('a line must end with CRLF');
    } else {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
