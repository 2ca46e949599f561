import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer';

/** How long a mail may take at each step before the attempt is given up (and logged). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** E-mail through an SMTP server (`SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com`), with nodemailer. */
export class SmtpMailer implements Mailer {
  readonly description: string;
  readonly staysLocal = false;
  readonly #transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.description = `SMTP at ${url.host}`;
    this.#transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS } as never);
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
