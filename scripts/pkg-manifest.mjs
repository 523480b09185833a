// Writes pkg/package.json: www/package.json with the version of Cargo.toml, the one place the
// version is kept, so the npm package, the CLI's `--version` and the `builder` an index records
// always agree. www/package.json must not carry a version of its own.
// Usage: node scripts/pkg-manifest.mjs   (run by `make pkg`)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));

/** The `version` of Cargo.toml's [package] table. */
export function cargoVersion(toml = readFileSync(`${top}Cargo.toml`, 'utf8')) {
  const table = toml.match(/^\[package\]\s*$([\s\S]*?)(?=^\[)/m)?.[1] ?? '';
  const version = table.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error('Cargo.toml: no version in [package]');
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(`${top}www/package.json`, 'utf8'));
  if ('version' in manifest) {
    throw new Error(`www/package.json has a version (${manifest.version}): remove it, the version is Cargo.toml's`);
  }
  const version = cargoVersion();
  const { name, ...rest } = manifest;
  writeFileSync(`${top}pkg/package.json`, `${JSON.stringify({ name, version, ...rest }, null, 2)}\n`);
  console.log(`pkg/package.json: ${name} ${version}`);
}
