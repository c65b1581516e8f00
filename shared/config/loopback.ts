const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a host name (as `URL.hostname` gives it) is this machine: what production never talks to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(host) || /^127\./.test(host);
}

/** Whether a URL points at this machine; false for anything that is not a URL. */
export function isLoopbackUrl(value: string | undefined): boolean {
  return value !== undefined && URL.canParse(value) && isLoopbackHost(new URL(value).hostname);
}
