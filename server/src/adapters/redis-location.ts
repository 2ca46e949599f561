/**
 * The URL without its credentials, for messages and the start-up line. Apart from the adapter, so the start-up
 * line does not load the Redis client when Redis is not configured.
 */
export function describeRedisLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'REDIS_URL (not a valid URL)';
  }
}
