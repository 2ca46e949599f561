import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer';

/**
 * Development and tests only (refused in production by the configuration): each message becomes an .eml file
 * in `folder` (`DATA_DIR/mail-outbox`), named by time and recipient, which any mail client opens. The
 * message is built by nodemailer exactly as SMTP would send it.
 */
export class OutboxFolderMailer implements Mailer {
  readonly description: string;
  readonly #compose = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
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
    const composed = (await this.#compose.sendMail({ from: this.from, ...message })) as { message: Buffer };
    await mkdir(this.folder, { recursive: true });
    this.#sequence += 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const recipient = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
    const name = `${stamp}-${String(this.#sequence).padStart(4, '0')}-${recipient}.eml`;
    await writeFile(path.join(this.folder, name), composed.message, { flag: 'wx' });
  }

  async close(): Promise<void> {}
}
