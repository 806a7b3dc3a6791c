/**
 * A strict check of chart output for tests (no DOM needed): the string is one well-formed `<svg>` element (every tag
 * closed in order, attributes quoted, text escaped), accessible (role="img", aria-labelledby pointing at a <title>
 * and a <desc> that come first and are not empty) and free of values that betray a bug (NaN, undefined, Infinity,
 * [object Object], "null" in an attribute). Throws an Error saying what is wrong and where.
 */
export function checkSvg(svg: string): void {
  const fail = (what: string, at: number): never => {
    throw new Error(`svgCheck: ${what} at offset ${at}: ...${svg.slice(Math.max(0, at - 60), at + 60)}...`);
  };
  for (const bad of ["NaN", "undefined", "Infinity", "[object Object]"]) {
    const at = svg.indexOf(bad);
    if (at >= 0) fail(`"${bad}" in the output`, at);
  }
  if (!svg.startsWith("<svg ")) fail("does not start with <svg", 0);
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  const ids = new Set<string>();
  let textOf: { name: string; text: string } | null = null;
  const firstChildren: string[] = [];
  let i = 0;
  while (i < svg.length) {
    if (svg[i] === "<") {
      tag.lastIndex = i;
      const m = tag.exec(svg);
      if (m === null) fail("a malformed tag (unquoted attribute, stray <, or bad name)", i);
      const [whole, closing, name, attrs, selfClosing] = m!;
      if (closing) {
        const open = stack.pop();
        if (open !== name) fail(`</${name}> closes <${open ?? "nothing"}>`, i);
        if (textOf !== null && textOf.name === name && stack.length === 1) {
          if (textOf.text.trim() === "") fail(`an empty <${name}>`, i);
          textOf = null;
        }
      } else {
        if (stack.length === 0 && i > 0) fail("content after the root element", i);
        for (const a of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
          if (a[1] === "id") {
            if (ids.has(a[2]!)) fail(`duplicate id "${a[2]}"`, i);
            ids.add(a[2]!);
          }
          if (a[2] === "null") fail(`attribute ${a[1]}="null"`, i);
          if (/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/i.test(a[2]!)) fail(`an unescaped & in attribute ${a[1]}`, i);
        }
        if (stack.length === 1) firstChildren.push(name!);
        if (!selfClosing) stack.push(name!);
        if ((name === "title" || name === "desc") && stack.length === 2) textOf = { name, text: "" };
      }
      i += whole.length;
    } else {
      const next = svg.indexOf("<", i);
      const text = svg.slice(i, next < 0 ? svg.length : next);
      if (stack.length === 0) fail("text outside the root element", i);
      if (/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/i.test(text) || text.includes(">")) fail("unescaped text", i);
      if (textOf !== null) textOf.text += text;
      i = next < 0 ? svg.length : next;
    }
  }
  if (stack.length > 0) fail(`<${stack.join("> <")}> never closed`, svg.length);
  const root = /^<svg ([^>]*)>/.exec(svg)![1]!;
  if (!/\brole="img"/.test(root)) fail('no role="img" on <svg>', 0);
  if (!/\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(root)) fail("no SVG xmlns on <svg>", 0);
  const labelled = /\baria-labelledby="([^"]+)"/.exec(root);
  if (labelled === null) fail("no aria-labelledby on <svg>", 0);
  for (const ref of labelled![1]!.split(/\s+/)) if (!ids.has(ref)) fail(`aria-labelledby names "${ref}", which no element has`, 0);
  if (firstChildren[0] !== "title" || firstChildren[1] !== "desc") fail(`the first children are <${firstChildren.slice(0, 2).join("> <")}>, expected <title> <desc>`, 0);
}
