/**
 * Execute the example notebooks in docs/notebooks/ headless on the Deno Jupyter kernel, as an analyst would run them
 * (issue 8 point 2), and render one chart output to docs/images/notebook-chart.png.
 *
 *   npm run test:notebooks   (= npm run build && node tests/notebooks/runNotebooks.mjs)
 *
 * 1. `npm pack` this package and install the tarball into a temporary project (package.json + deno.json
 *    `{ "nodeModulesDir": "manual" }`), so `import * as cx from "npm:cx-metrics"` in a notebook loads exactly what
 *    `npm publish` would ship, from that project's node_modules.
 * 2. Install the kernelspec with `deno jupyter --install --force` (the repo's node_modules/.bin/deno on PATH).
 * 3. Execute each notebook with Debian's python3-nbclient (executeNotebook.py: nbclient, as `jupyter nbconvert
 *    --execute`, plus a read of the outputs Deno's kernel publishes after it went idle, which nbconvert loses);
 *    every cell error is printed with its cell, each notebook must show at least one text/html output with an
 *    <svg, and every cell ending in `cx.display(...)` must show a cx-display figure with text/plain beside it.
 * 4. Convert the executed survey notebook to HTML (nbconvert), open it in headless Chromium (playwright-core,
 *    Debian's /usr/bin/chromium; every request off the page's own file is refused) and screenshot the NPS trend
 *    chart in its cell's output.
 *
 * Exits non-zero on any failure. Needs the network only for npm install (the package's dependencies, from the
 * npm cache when they are there).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const notebooksDir = join(root, "docs/notebooks");
const imagePath = join(root, "docs/images/notebook-chart.png");
const JUPYTER = process.env.JUPYTER ?? "/usr/bin/jupyter";
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** The cell whose chart is screenshot: the NPS trend by channel and month. */
const SCREENSHOT = { notebook: "survey.ipynb", title: "NPS by channel and month" };

const env = {
  ...process.env,
  PATH: `${join(root, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
  DENO_NO_UPDATE_CHECK: "1",
  DENO_NO_PROMPT: "1",
  NO_COLOR: "1",
  // Debian's Python prints a debugger warning on every start without this
  PYDEVD_DISABLE_FILE_VALIDATION: "1",
};

const failures = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

/** Run a command, echoing it; throw with its output when it fails. Returns stdout (and stderr with `withStderr`). */
function run(cmd, args, cwd, withStderr = false) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return withStderr ? `${r.stdout}${r.stderr.split("\n").filter((l) => !/unstable and might change/.test(l)).join("\n")}` : r.stdout;
}

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const textOf = (value) => (Array.isArray(value) ? value.join("") : String(value ?? ""));
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, "");

/** Every problem in an executed notebook: cell errors, missing rich output. */
function checkExecuted(name, notebook) {
  let svgOutputs = 0;
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = sourceOf(cell);
    const outputs = cell.outputs ?? [];
    for (const out of outputs) {
      if (out.output_type === "error") {
        fail(`${name}: cell ${i + 1} raised ${out.ename}: ${out.evalue}\n--- cell ${i + 1} ---\n${source}\n--- error ---\n${stripAnsi((out.traceback ?? []).join("\n"))}`);
      }
      if (out.output_type === "stream" && out.name === "stderr") console.warn(`${name}: cell ${i + 1} wrote to stderr: ${textOf(out.text).trim()}`);
    }
    const htmls = outputs.map((o) => textOf(o.data?.["text/html"])).filter((h) => h !== "");
    svgOutputs += htmls.filter((h) => h.includes("<svg")).length;
    const lastLine = source.trim().split("\n").pop() ?? "";
    if (/^cx\.display\(/.test(lastLine)) {
      const shown = outputs.find((o) => textOf(o.data?.["text/html"]).startsWith('<figure class="cx-display">'));
      if (!shown) fail(`${name}: cell ${i + 1} ends in cx.display(...) but shows no cx-display text/html output\n--- cell ${i + 1} ---\n${source}\n--- outputs ---\n${JSON.stringify(outputs).slice(0, 2000)}`);
      else if (textOf(shown.data["text/plain"]) === "") fail(`${name}: cell ${i + 1} shows no text/plain beside its HTML`);
    }
  });
  if (svgOutputs === 0) fail(`${name}: no text/html output with an <svg> chart`);
  return svgOutputs;
}

async function screenshot(htmlFile) {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(join(tmpdir(), "cx-notebook-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 2,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // nbconvert's page links require.js and MathJax from a CDN: the machine has no network, and the chart needs neither
    const own = pathToFileURL(htmlFile).href;
    await page.route("**/*", (route) => (route.request().url() === own ? route.continue() : route.abort()));
    await page.goto(own, { waitUntil: "load" });
    const figure = page.locator("figure.cx-display").filter({ has: page.locator("svg > title", { hasText: SCREENSHOT.title }) }).first();
    if ((await figure.count()) === 0) throw new Error(`no cx-display figure with a chart titled "${SCREENSHOT.title}" in ${basename(htmlFile)}`);
    // the chart as the notebook shows it (the output area's width and styles); the table below it is left out
    const target = figure.locator("svg.cx-chart").first();
    await target.scrollIntoViewIfNeeded();
    mkdirSync(dirname(imagePath), { recursive: true });
    await target.screenshot({ path: imagePath });
    const box = await target.boundingBox();
    console.log(`screenshot of "${SCREENSHOT.title}" (${Math.round(box?.width ?? 0)} x ${Math.round(box?.height ?? 0)} CSS px) -> ${imagePath}`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const work = mkdtempSync(join(tmpdir(), "cx-notebooks-"));
try {
  if (!existsSync(join(root, "dist/index.js"))) throw new Error("dist/ is missing: run `npm run test:notebooks` (it builds first)");
  const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
  if (notebooks.length === 0) throw new Error(`no notebooks in ${notebooksDir}`);

  // 1. the packed package in a Deno project of its own
  const tarball = run("npm", ["pack", "--pack-destination", work, "--silent"], root).trim().split("\n").pop();
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "cx-notebooks", private: true, type: "module" }, null, 2));
  writeFileSync(join(project, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, tarball)], project);
  for (const f of notebooks) cpSync(join(notebooksDir, f), join(project, f));

  // 2. the Deno kernel
  run("deno", ["jupyter", "--install", "--force"], project);
  const specs = JSON.parse(run(JUPYTER, ["kernelspec", "list", "--json"], project));
  if (!specs.kernelspecs?.deno) throw new Error(`deno jupyter --install left no "deno" kernelspec: ${JSON.stringify(specs)}`);
  console.log(`kernel: ${specs.kernelspecs.deno.spec.argv.join(" ")}`);

  // 3. execute each notebook; errors are collected per cell, not thrown at the first
  const executedDir = join(project, "executed");
  mkdirSync(executedDir);
  for (const f of notebooks) {
    try {
      const log = run(PYTHON, [join(root, "tests/notebooks/executeNotebook.py"), join(project, f), join(executedDir, f), "deno", "600"], project, true);
      if (log.trim() !== "") console.log(log.trim());
    } catch (e) {
      fail(`${f}: execution failed\n${e.message}`);
      continue;
    }
    const executed = JSON.parse(readFileSync(join(executedDir, f), "utf8"));
    const charts = checkExecuted(f, executed);
    console.log(`${f}: ${executed.cells.filter((c) => c.cell_type === "code").length} code cells executed, ${charts} chart outputs`);
  }

  // 4. one chart, rendered as a person sees it
  if (failures.length === 0) {
    run(JUPYTER, ["nbconvert", "--to", "html", "--output-dir", join(work, "html"), join(executedDir, SCREENSHOT.notebook)], project);
    await screenshot(join(work, "html", SCREENSHOT.notebook.replace(/\.ipynb$/, ".html")));
  }
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  if (process.env.KEEP_NOTEBOOK_WORK) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nnotebooks: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log("notebooks: every cell ran, every display showed its chart and table");
