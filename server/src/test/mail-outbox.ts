import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A mail as read back from the outbox folder (`OutboxFolderMailer`). */
export interface OutboxMail {
  readonly file: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Reads every .eml file in `folder`, oldest first; [] when the folder does not exist yet. */
export async function readOutbox(folder: string): Promise<OutboxMail[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const mails = [];
  for (const file of names.filter((name) => name.endsWith('.eml')).sort()) {
    mails.push(parseEml(file, await readFile(path.join(folder, file), 'utf8')));
  }
  return mails;
}

/** How many mails to `to` the outbox holds: give it to `waitForMail` to wait for the next one. */
export async function mailCount(folder: string, to: string): Promise<number> {
  return (await readOutbox(folder)).filter((mail) => mail.to === to).length;
}

/**
 * Waits (up to `timeoutMs`) until the outbox holds more than `after` mails to `to`, and returns the latest.
 * Mail is sent in the background: a test that asked for a second mail passes the count from before it asked,
 * or it may read the first one again.
 */
export async function waitForMail(
  folder: string,
  to: string,
  timeoutMs = 10_000,
  after = 0,
): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await readOutbox(folder)).filter((mail) => mail.to === to);
    const latest = mails[mails.length - 1];
    if (latest && mails.length > after) return latest;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${folder} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The reset link's token in a password-reset mail. */
export function resetTokenIn(mail: OutboxMail): string {
  const match = /\/reset-password#token=([^\s]+)/.exec(mail.text);
  if (!match) throw new Error(`no reset link in the mail "${mail.subject}"`);
  return match[1]!;
}

/** Just enough of RFC 5322 + quoted-printable for the plain-text mails nodemailer composes. */
function parseEml(file: string, raw: string): OutboxMail {
  const [head = '', ...bodyParts] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = bodyParts.join('\n\n');
  if (/quoted-printable/i.test(headers.get('content-transfer-encoding') ?? '')) {
    body = Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { file, to: headers.get('to') ?? '', subject: headers.get('subject') ?? '', text: body };
}
