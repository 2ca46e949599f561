import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server';

// Test keys in Stripe's shapes; nothing here calls Stripe (the rail only calls it to charge).
const STRIPE_KEYS = {
  secretKey: 'sk_test_payments_config_secret',
  publishableKey: 'pk_test_payments_config',
  webhookSecret: 'whsec_payments_config',
};

let sandbox: TestServer;
let stripe: TestServer;

beforeAll(async () => {
  [sandbox, stripe] = await Promise.all([
    startTestServer(),
    startTestServer({ config: { stripe: STRIPE_KEYS } }),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), stripe?.close()]);
});

async function cspOf(server: TestServer): Promise<Map<string, string>> {
  const response = await fetch(`${server.url}/`);
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name, ...sources] = directive.split(/\s+/);
        return [name!, sources.join(' ')];
      }),
  );
}

describe('payments.config: what the fan web card part is told', () => {
  it('says sandbox without Stripe keys, to anyone (no session needed)', async () => {
    expect(await sandbox.client().payments.config.query()).toEqual({ rail: 'sandbox' });
  });

  it('gives the publishable key with Stripe configured, and never the secret key or the webhook secret', async () => {
    const config = await stripe.client().payments.config.query();
    expect(config).toEqual({ rail: 'stripe', publishableKey: 'pk_test_payments_config' });
    const raw = await (await fetch(`${stripe.url}/trpc/payments.config`)).text();
    expect(raw).not.toContain(STRIPE_KEYS.secretKey);
    expect(raw).not.toContain(STRIPE_KEYS.webhookSecret);
  });
});

describe("the page's CSP lets Stripe.js in only when Stripe is configured", () => {
  it('on the sandbox: no Stripe source anywhere, frames only from this server', async () => {
    const csp = await cspOf(sandbox);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.has('frame-src')).toBe(false);
    expect(csp.get('default-src')).toBe("'self'");
    expect([...csp.values()].join(' ')).not.toContain('stripe.com');
  });

  it("with Stripe: Stripe.js's script, its frames and its API, and nothing else loosened", async () => {
    const csp = await cspOf(stripe);
    expect(csp.get('script-src')).toBe("'self' https://js.stripe.com");
    expect(csp.get('frame-src')).toBe("'self' https://js.stripe.com https://hooks.stripe.com");
    expect(csp.get('connect-src')).toBe(`'self' ${stripe.url.replace('http', 'ws')} https://api.stripe.com`);
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'self'");
  });
});
