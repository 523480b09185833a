#!/usr/bin/env node
// `npx qa-widget build|ask|eval …`: the qa-widget command line, compiled to WebAssembly, so
// that it needs Node only: the same options, output and index bytes as the native binary.
import { runCli } from '../build.js';

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
