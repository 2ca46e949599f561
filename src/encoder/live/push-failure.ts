/**
 * Why an ffmpeg push attempt ended, from its log: the source could not be opened (a bad device, a missing
 * file: retrying will not help, the push fails), the encoder refused its settings (likewise), or the connection
 * or the server dropped (the push reconnects by itself).
 */
export type PushFailure =
  | { readonly kind: 'source'; readonly reason: string }
  | { readonly kind: 'encoder'; readonly reason: string }
  | { readonly kind: 'connection'; readonly reason: string };

/** Lines naming the network cause itself; the first of them is the clearest (later ones repeat it vaguely). */
const CONNECTION_CAUSE =
  /connection refused|connection reset|broken pipe|timed out|unreachable|no route to host|end of file|failed to resolve|name or service not known|server error/i;
const CONNECTION =
  /connection refused|connection reset|broken pipe|timed out|unreachable|no route to host|end of file|failed to resolve|name or service not known|server error|rtmp|\[tee @|slave .*fail|error opening: |error number -10053|could not write header/i;
const ENCODER =
  /unknown encoder|encoder not found|error while opening encoder|error initializing output stream.*encoder|cannot load lib/i;

/** Hides a URL's query: an ingest URL carries the stream key there, and reasons are shown and logged. */
export function withoutUrlQueries(text: string): string {
  return text.replace(/(rtmps?:\/\/[^\s'"|?]*)\?[^\s'"|\]]*/gi, '$1?…');
}

/** The log line that says what went wrong (ffmpeg's follow-up lines are generic), without its `[ctx @ 0x…]`. */
function telling(lines: readonly string[], pattern?: RegExp): string | null {
  const errorish = lines.filter(
    (line) => !/^\s*(?:Input|Output|Stream|Press|Metadata|Duration| {2})/.test(line),
  );
  const pick = (pattern ? errorish.filter((line) => pattern.test(line)) : errorish).at(-1);
  return clean(pick);
}

function clean(line: string | undefined): string | null {
  if (line === undefined) return null;
  return withoutUrlQueries(line.replace(/^\[[^\]]*@[^\]]*\]\s*/, '').trim());
}

/**
 * Classifies an attempt that ended without being asked to: `openedInputs` counts the `Input #N` lines ffmpeg
 * printed (it prints one as each input opens), `inputCount` is how many the source has.
 */
export function classifyPushFailure(
  logLines: readonly string[],
  openedInputs: number,
  inputCount: number,
  sourceDescription: string,
): PushFailure {
  if (openedInputs < inputCount) {
    return {
      kind: 'source',
      reason: `Could not open ${sourceDescription}: ${telling(logLines) ?? 'ffmpeg gave no reason'}`,
    };
  }
  const encoderLine = telling(logLines, ENCODER);
  if (encoderLine && !logLines.some((line) => CONNECTION.test(line))) {
    return { kind: 'encoder', reason: `The encoder could not start: ${encoderLine}` };
  }
  const connectionLine =
    clean(logLines.find((line) => CONNECTION_CAUSE.test(line))) ??
    telling(logLines, CONNECTION) ??
    telling(logLines);
  return {
    kind: 'connection',
    reason: `The connection to the server was lost${connectionLine ? `: ${connectionLine}` : ''}`,
  };
}
