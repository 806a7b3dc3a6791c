/** Reading chart output in tests without a DOM: tooltips as text, and counts of a marker string. */

/** Undo escapeXml: the text a browser would show. */
export function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** The text of every `<title>` without attributes (the tooltips, not the document title), unescaped. */
export function titlesOf(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescapeXml(m[1]!));
}

/** How many times `needle` occurs in `svg`. */
export function countOf(svg: string, needle: string): number {
  return svg.split(needle).length - 1;
}
