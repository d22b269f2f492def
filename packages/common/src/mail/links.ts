const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/** Every http(s) link in a plain-text body, in order, without duplicates. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(URL_PATTERN) ?? [])];
}
