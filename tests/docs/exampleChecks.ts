/**
 * Turns an `@example` into runnable checks: every `expression // => result` whose result is plain JSON (a number,
 * string, boolean, null, array or object literal in JSON syntax) becomes a comparison; other lines run as they
 * are. An expression may span lines (a call over several lines, or a line of its own before `// => ...`).
 */
export interface ExampleProgram {
  /** JavaScript/TypeScript body calling `__check(line, actual, expected)` for each checked result. */
  code: string;
  /** How many results it checks. */
  checks: number;
}

const STATEMENT = /^(const|let|var|for|if|while|await\s+for|import|export|function|class|try|\/\/)\b/;

/** The runnable body of one example. */
export function exampleProgram(example: string): ExampleProgram {
  const out: string[] = [];
  let pending: string[] = [];
  let checks = 0;
  for (const raw of example.split("\n")) {
    const m = /^(.*?)\s*\/\/\s*=>\s*(.*)$/.exec(raw);
    if (m === null) {
      pending.push(raw);
      if (/[;{}]\s*$/.test(raw) || raw.trim() === "") {
        out.push(...pending);
        pending = [];
      }
      continue;
    }
    const lhs = m[1]!;
    const rhs = m[2]!.trim();
    const expression = [...pending, lhs].join("\n").trim().replace(/;\s*$/, "");
    let expected: unknown;
    let json = true;
    try {
      expected = JSON.parse(rhs);
    } catch {
      json = false;
    }
    if (!json || expression === "" || STATEMENT.test(expression)) {
      out.push(...pending, lhs === "" ? "" : `${lhs};`);
    } else {
      checks += 1;
      out.push(`__check(${JSON.stringify(raw.trim())}, (${expression}), ${JSON.stringify(expected)});`);
    }
    pending = [];
  }
  out.push(...pending);
  return { code: out.join("\n"), checks };
}

/**
 * Whether an actual value shows as the expected one: numbers equal to the expected's decimals (25 matches 25,
 * 33.333 matches 33.3333...), typed arrays as arrays, objects on the expected's keys only.
 */
export function showsAs(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") {
    const decimals = (String(expected).split(".")[1] ?? "").length;
    return actual === expected || Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12 * Math.abs(expected);
  }
  const a = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
  if (Array.isArray(expected)) return Array.isArray(a) && a.length === expected.length && expected.every((x, i) => showsAs(a[i], x));
  if (expected !== null && typeof expected === "object") {
    return a !== null && typeof a === "object" && Object.entries(expected).every(([k, v]) => showsAs((a as Record<string, unknown>)[k], v));
  }
  return Object.is(a, expected);
}
