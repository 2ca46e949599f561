/** The address to put in a URL for a bound host: an IPv6 literal goes in brackets (`[::1]`), others as they are. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
