#!/usr/bin/env node
/** The `cx-metrics` command (package.json `bin`): see `cx-metrics help`. */
import { runCli } from "./runCli.ts";

process.exitCode = await runCli(process.argv.slice(2));
