import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { readOutbox } from '../../test/mail-outbox';
import { OutboxFolderMailer } from './outbox-folder-mailer';
import { SmtpMailer } from './smtp-mailer';

const MESSAGE = {
  to: 'maya@example.test',
  subject: 'Choose a new Mesi password',
  text: `Hello Maya — here is a line longer than seventy-six characters so that it is wrapped: https://fans.example/reset-password#token=abc`,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('SmtpMailer', () => {
  it('hands the message to a real SMTP server, with the sender, recipient and text as given', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const { port } = smtp.server.address() as AddressInfo;
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Mesi <no-reply@mesi.test>');
    cleanups.push(() => mailer.close());
    expect(mailer.description).toBe(`SMTP at 127.0.0.1:${port}`);
    await mailer.send(MESSAGE);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'no-reply@mesi.test', to: ['maya@example.test'] });
    expect(received[0]!.data).toMatch(/^Subject: Choose a new Mesi password$/m);
  });

  it('fails (for the caller to log) when the SMTP server cannot be reached', async () => {
    const mailer = new SmtpMailer('smtp://127.0.0.1:1', 'Mesi <no-reply@mesi.test>');
    cleanups.push(() => mailer.close());
    await expect(mailer.send(MESSAGE)).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

describe('OutboxFolderMailer', () => {
  it('writes each message as an .eml file that reads back as sent, creating the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mesi-outbox-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const folder = path.join(dir, 'mail-outbox');
    const mailer = new OutboxFolderMailer(folder, 'Mesi <no-reply@localhost>');
    await mailer.send(MESSAGE);
    await mailer.send({ ...MESSAGE, to: 'sam@example.test' });
    const mails = await readOutbox(folder);
    expect(mails.map((mail) => mail.to)).toEqual(['maya@example.test', 'sam@example.test']);
    expect(mails[0]).toMatchObject({ subject: MESSAGE.subject, text: expect.stringContaining(MESSAGE.text) });
  });

  it('refuses to exist in production', () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => new OutboxFolderMailer('/tmp/x', 'a@b')).toThrow(/set SMTP_URL in production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
