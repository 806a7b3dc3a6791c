/**
 * The exported functions of the three package entries and the JSDoc tags they carry, read with the TypeScript
 * compiler API (the same declarations TypeDoc documents). Used by examples.test.ts.
 */
import ts from "typescript";
import { fileURLToPath } from "node:url";

/** The package entries TypeDoc documents (docs/typedoc.json). */
export const ENTRIES: readonly string[] = ["src/index.ts", "src/schemas/index.ts", "src/node/index.ts"];

/** One exported function: where it is exported from, where it is declared, which JSDoc tags it has. */
export interface ExportedFunction {
  entry: string;
  name: string;
  file: string;
  tags: string[];
  /** The text of each `@example` tag. */
  examples: string[];
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every export of the entries that is a function (a function declaration, or a const whose type is callable). */
export function exportedFunctions(): ExportedFunction[] {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
  if (configPath === undefined) throw new Error("tsconfig.json not found");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error("tsconfig.json could not be read");
  const files = ENTRIES.map((e) => ts.sys.resolvePath(root + e));
  const program = ts.createProgram({ rootNames: files, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const out: ExportedFunction[] = [];
  ENTRIES.forEach((entry, i) => {
    const source = program.getSourceFile(files[i]!);
    if (source === undefined) throw new Error(`${entry}: not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${entry}: not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      const isFunction =
        (symbol.flags & ts.SymbolFlags.Function) !== 0 ||
        ((symbol.flags & ts.SymbolFlags.Variable) !== 0 &&
          declarations.some((d) => checker.getTypeOfSymbolAtLocation(symbol, d).getCallSignatures().length > 0));
      if (!isFunction) continue;
      const tags = new Set<string>();
      const examples: string[] = [];
      for (const d of declarations) {
        // For `export const f = ...`, the JSDoc sits on the variable statement; ts.getJSDocTags finds it there too.
        for (const tag of ts.getJSDocTags(d)) {
          tags.add(tag.tagName.text);
          if (tag.tagName.text === "example") examples.push(ts.getTextOfJSDocComment(tag.comment) ?? "");
        }
      }
      const file = declarations[0]?.getSourceFile().fileName.slice(root.length) ?? "?";
      out.push({ entry, name: exported.name, file, tags: [...tags].sort(), examples });
    }
  });
  return out;
}
