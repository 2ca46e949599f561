/**
 * Input that broke a schema, in words: the one formatter that the server's and the studio's routers and both
 * UIs use, so a person reads the same sentence wherever the check ran.
 */
export interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `email: enter a valid email address; draft.title: title is at most 200 characters`. */
export function describeIssues(issues: readonly InputIssue[]): string {
  return issues.map((issue) => `${pathOf(issue) || 'input'}: ${issue.message}`).join('; ');
}

/**
 * The first message for each field (the path's first key, or `input` for the whole), as a sentence to show
 * under that field: `Body must not be empty.` A rule's message names its field already, so a form never
 * puts the label in front of it (that read "Body: body must not be empty").
 */
export function issuesByField(issues: readonly InputIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'input';
    byField[field] ??= asSentence(issue.message);
  }
  return byField;
}

/** A rule's message as a sentence: `use at least 10 characters` → `Use at least 10 characters.` */
export function asSentence(message: string): string {
  const text = message.trim();
  if (text === '') return text;
  const sentence = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function pathOf(issue: InputIssue): string {
  return issue.path.map(String).join('.');
}
