/** One plain-text e-mail to one person. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Sends e-mail. `SmtpMailer` hands it to an SMTP server (production); `OutboxFolderMailer` writes each message
 * as an .eml file into a local folder (development and tests: nothing leaves the machine).
 */
export interface Mailer {
  /** What the start-up line and the README call it. */
  readonly description: string;
  /** True when mail stays on this machine (the development outbox folder): the web app then says where. */
  readonly staysLocal: boolean;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
