/**
 * The browser host's per-run token. `npm run serve` prints (and opens) one address that carries
 * it in the fragment, http://127.0.0.1:PORT/#token=…, which the browser never sends to the
 * server; the page keeps it for this tab in sessionStorage and takes it out of the address bar,
 * so it is neither in the history nor shown on screen. The host serves the page to anyone on the
 * machine, but never the token.
 */
const KEY = 'sme-ledger.token';

export function takeHostToken(loc: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location): string {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]{16,})/.exec(loc.hash);
  if (m) {
    sessionStorage.setItem(KEY, m[1]!);
    history.replaceState(null, '', loc.pathname + loc.search);
  }
  return sessionStorage.getItem(KEY) ?? '';
}
