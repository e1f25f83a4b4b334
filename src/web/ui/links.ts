// Links built from server data: only same-site paths and http(s) URLs become hrefs (never `javascript:`).

export function safeHref(url: string, base = typeof window === 'undefined' ? 'http://localhost' : window.location.origin): string | null {
  if (url.startsWith('//') || url.startsWith('/\\')) return null; // protocol-relative: another host
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The absolute form of a safe href (what a person copies and keeps). */
export function absoluteUrl(href: string, base = typeof window === 'undefined' ? 'http://localhost' : window.location.origin): string {
  return new URL(href, base).href;
}
