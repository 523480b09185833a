// One `build()` in a worker thread: the builder runs for as long as the site takes (seconds for
// thousands of pages), and the process that asked (a Vite dev server, say) keeps serving.
import { parentPort, workerData } from 'node:worker_threads';
import { WasiHost } from './build-wasi.js';

const { module, args, env, pages } = workerData;
const stdout = [];
const stderr = [];
const host = new WasiHost({
  args,
  env,
  pages,
  keepWrites: true,
  stdout: (bytes) => stdout.push(bytes),
  stderr: (bytes) => stderr.push(bytes),
});
let code = null;
let crashed = null;
try {
  code = host.run(module);
} catch (error) {
  // A Rust panic prints its message, then aborts: a trap.
  if (!(error instanceof WebAssembly.RuntimeError)) throw error;
  crashed = error.message;
}
const written = [...host.written].map(([path, file]) => [path, file.contents()]);
const text = (chunks) => Buffer.concat(chunks).toString('utf8');
parentPort.postMessage({ code, crashed, stdout: text(stdout), stderr: text(stderr), written }, written.map(([, bytes]) => bytes.buffer));
