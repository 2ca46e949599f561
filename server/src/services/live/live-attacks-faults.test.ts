import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/test-server';

/** Faults under the live feature: a REDIS_URL that leads nowhere. A defence that held when probed. */

describe('REDIS_URL that leads nowhere', () => {
  it('the server refuses to start, saying where Redis was looked for and what to do', async () => {
    await expect(startTestServer({ config: { redisUrl: 'redis://127.0.0.1:1' } })).rejects.toThrow(
      /REDIS_URL: Redis at redis:\/\/127\.0\.0\.1:1 could not be reached.*unset REDIS_URL/,
    );
  }, 60_000);
});
