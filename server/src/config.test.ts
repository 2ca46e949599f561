import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from './config';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, databaseUrl: null, publicUrl: null });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(CONFIG_VARIABLES.map((v) => v.name)).toEqual([
      'HOST',
      'PORT',
      'DATA_DIR',
      'DATABASE_URL',
      'PUBLIC_URL',
      'NODE_ENV',
      'SMTP_URL',
      'MAIL_FROM',
      'PLATFORM_FEE_BPS',
      'STRIPE_SECRET_KEY',
      'STRIPE_PUBLISHABLE_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'MEDIA_MAX_UPLOAD_BYTES',
      'MEDIA_QUOTA_BYTES',
      'MEDIA_URL_SECRET',
      'MEDIA_STORE',
      'MEDIA_PROCESSING_CONCURRENCY',
      'S3_BUCKET',
      'S3_REGION',
      'S3_ENDPOINT',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'S3_FORCE_PATH_STYLE',
      'LIVE_RELAY',
      'RTMP_PORT',
      'LIVE_HTTP_PORT',
      'RTMP_PUBLIC_URL',
      'LIVE_PLAYBACK_URL',
      'REDIS_URL',
    ]);
  });

  it('documents every variable with its default in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const variable of CONFIG_VARIABLES) {
      expect(readme).toContain(`| \`${variable.name}\` |`);
      expect(readme).toContain(
        variable.default.startsWith('(') ? variable.default : `\`${variable.default}\``,
      );
    }
  });

  it('names the variable and the bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      'Invalid configuration: PORT must be an integer 0..65535 (got "abc")',
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be an integer 0\.\.65535 \(got "70000"\)/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\//,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL must be an http/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV must be development, production or test/,
    );
  });

  it('accepts a random port, PostgreSQL and an https public URL', () => {
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: 'postgres://u@db:5432/mesi',
      PUBLIC_URL: 'https://fans.example/',
      NODE_ENV: 'production',
      SMTP_URL: 'smtps://mesi:secret@smtp.example:465',
      ...STRIPE,
      ...MEDIA_SECRET,
    });
    expect(config).toMatchObject({
      port: 0,
      databaseUrl: 'postgres://u@db:5432/mesi',
      publicUrl: 'https://fans.example',
      nodeEnv: 'production',
    });
  });

  it('requires SMTP_URL in production, so reset mails never stay in a local folder, and checks its scheme', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...STRIPE })).toThrow(
      /SMTP_URL must be set in production/,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(
      /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(loadConfig({})).toMatchObject({ smtpUrl: null, mailFrom: 'Mesi <no-reply@localhost>' });
  });

  it('refuses the sandbox payment rail in production, takes Stripe keys only all three together, and checks the fee', () => {
    const smtp = { SMTP_URL: 'smtp://mail.example:25' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...smtp })).toThrow(
      /STRIPE_SECRET_KEY must be set in production/,
    );
    expect(() => loadConfig({ STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY })).toThrow(
      /set all three or none/,
    );
    expect(() => loadConfig({ ...STRIPE, STRIPE_SECRET_KEY: 'pk_test_x' })).toThrow(
      /STRIPE_SECRET_KEY must be a Stripe secret key/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ...smtp, ...STRIPE, ...MEDIA_SECRET }).stripe).toEqual({
      secretKey: STRIPE.STRIPE_SECRET_KEY,
      publishableKey: STRIPE.STRIPE_PUBLISHABLE_KEY,
      webhookSecret: STRIPE.STRIPE_WEBHOOK_SECRET,
    });
    expect(loadConfig({})).toMatchObject({ stripe: null, platformFeeBasisPoints: 1000 });
    expect(loadConfig({ PLATFORM_FEE_BPS: '250' }).platformFeeBasisPoints).toBe(250);
    expect(() => loadConfig({ PLATFORM_FEE_BPS: '10001' })).toThrow(/PLATFORM_FEE_BPS/);
    expect(() => loadConfig({ PLATFORM_FEE_BPS: '12.5' })).toThrow(/PLATFORM_FEE_BPS/);
  });

  it('sets media limits, the URL key (required in production) and the store', () => {
    expect(loadConfig({}).media).toEqual({
      maxUploadBytes: 4 * 1024 ** 3,
      quotaBytes: 50 * 1024 ** 3,
      urlSecret: null,
      store: { kind: 'local' },
      processingConcurrency: 1,
    });
    const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:25', ...STRIPE };
    expect(() => loadConfig(production)).toThrow(/MEDIA_URL_SECRET must be set in production/);
    expect(() => loadConfig({ MEDIA_URL_SECRET: 'short' })).toThrow(/MEDIA_URL_SECRET must be at least 32/);
    expect(() => loadConfig({ MEDIA_MAX_UPLOAD_BYTES: '4G' })).toThrow(
      /MEDIA_MAX_UPLOAD_BYTES must be a number of bytes/,
    );
    expect(() => loadConfig({ MEDIA_QUOTA_BYTES: '0' })).toThrow(/MEDIA_QUOTA_BYTES/);
    expect(() => loadConfig({ MEDIA_PROCESSING_CONCURRENCY: '0' })).toThrow(/MEDIA_PROCESSING_CONCURRENCY/);
    expect(() => loadConfig({ MEDIA_STORE: 'ftp' })).toThrow(/MEDIA_STORE must be local or s3/);
    expect(() => loadConfig({ MEDIA_STORE: 's3' })).toThrow(/S3_BUCKET must be set when MEDIA_STORE is s3/);
    expect(() => loadConfig({ MEDIA_STORE: 's3', S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'AKIA' })).toThrow(
      /set both or neither/,
    );
    const s3 = loadConfig({
      MEDIA_STORE: 's3',
      S3_BUCKET: 'mesi-media',
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_ACCESS_KEY_ID: 'AKIA',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      MEDIA_MAX_UPLOAD_BYTES: '1000',
      MEDIA_PROCESSING_CONCURRENCY: '2',
      ...MEDIA_SECRET,
    }).media;
    expect(s3).toEqual({
      maxUploadBytes: 1000,
      quotaBytes: 50 * 1024 ** 3,
      urlSecret: MEDIA_SECRET.MEDIA_URL_SECRET,
      processingConcurrency: 2,
      store: {
        kind: 's3',
        bucket: 'mesi-media',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
        forcePathStyle: true,
      },
    });
  });

  it('sets the relay ports, picks free ones with PORT=0 unless they are set, and checks the live addresses', () => {
    expect(loadConfig({}).live).toEqual({
      rtmpPort: 1935,
      playbackPort: 8000,
      rtmpPublicUrl: null,
      playbackPublicUrl: null,
    });
    expect(loadConfig({ PORT: '0' }).live).toMatchObject({ rtmpPort: 0, playbackPort: 0 });
    expect(loadConfig({ LIVE_RELAY: 'off' }).live).toBeUndefined();
    expect(() => loadConfig({ LIVE_RELAY: 'no' })).toThrow(/LIVE_RELAY must be on or off/);
    expect(loadConfig({ PORT: '0', RTMP_PORT: '1936' }).live).toMatchObject({
      rtmpPort: 1936,
      playbackPort: 0,
    });
    expect(
      loadConfig({
        RTMP_PUBLIC_URL: 'rtmp://live.example.test/live/',
        LIVE_PLAYBACK_URL: 'https://play.example.test',
      }).live,
    ).toMatchObject({
      rtmpPublicUrl: 'rtmp://live.example.test/live',
      playbackPublicUrl: 'https://play.example.test',
    });
    expect(() => loadConfig({ RTMP_PUBLIC_URL: 'http://x' })).toThrow(/RTMP_PUBLIC_URL must be an rtmp:\/\//);
    expect(() => loadConfig({ RTMP_PORT: '70000' })).toThrow(/RTMP_PORT must be an integer 0..65535/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });
});

const MEDIA_SECRET = { MEDIA_URL_SECRET: 'a-media-url-secret-of-32-characters!' };

const STRIPE = {
  STRIPE_SECRET_KEY: 'sk_test_123',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_123',
  STRIPE_WEBHOOK_SECRET: 'whsec_123',
};
