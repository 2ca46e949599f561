import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Mailer, MailMessage } from './mailer';

/**
 * Development and tests only (refused in production): each message becomes an .eml file in `folder`
 * (`DATA_DIR/mail-outbox`), named by time and recipient, which any mail client opens. The body is written as
 * 8-bit text rather than quoted-printable, so that a developer who reads the file in a terminal can copy a
 * link from it whole.
 */
export class OutboxFolderMailer implements Mailer {
  readonly description: string;
  readonly staysLocal = true;
  #sequence = 0;

  constructor(
    private readonly folder: string,
    private readonly from: string,
  ) {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('OutboxFolderMailer is for development and tests; set SMTP_URL in production');
    }
    this.description = `the local outbox folder ${folder} (development only)`;
  }

  async send(message: MailMessage): Promise<void> {
    const composed = [
      `From: ${encodeHeader(this.from)}`,
      `To: ${encodeHeader(message.to)}`,
      `Subject: ${encodeHeader(message.subject)}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      message.text,
      '',
    ].join('\n');
    await mkdir(this.folder, { recursive: true });
    this.#sequence += 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const recipient = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
    const name = `${stamp}-${String(this.#sequence).padStart(4, '0')}-${recipient}.eml`;
    await writeFile(path.join(this.folder, name), composed, { flag: 'wx' });
  }

  async close(): Promise<void> {}
}

/** A header value as RFC 2047 wants it: as is when ASCII, else UTF-8 in base64. */
function encodeHeader(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat).toString('base64')}?=`;
}
