/**
 * The balance a page has just read, passed to the shell's badge: a page that spends credits reads
 * the balance again, and the badge in the header should not disagree with it until the next page.
 */
const EVENT = "videofly:balance";

export function announceBalance(available: number) {
  window.dispatchEvent(new CustomEvent<number>(EVENT, { detail: available }));
}

/** Calls `listener` with each announced balance; the returned function stops it. */
export function onBalance(listener: (available: number) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<number>).detail);
  window.addEventListener(EVENT, handle);
  return () => window.removeEventListener(EVENT, handle);
}
