#!/usr/bin/env node
/** `npx corepool info`: prints what the running machine gives corepool. */
import { info } from './info.js';

const command = process.argv[2] ?? 'info';
if (command !== 'info') {
  process.stderr.write(`usage: corepool info\n`);
  process.exit(2);
}
const report = info();
const lines: Array<[string, string]> = [
  ['backend', report.backend],
  ['threads', String(report.threads)],
  ['simd', report.simd],
  ['corepool', report.versions.corepool],
  ['node', report.versions.node],
  ['v8', report.versions.v8],
  ['napi', report.versions.napi ?? 'unknown'],
  ['native binary', report.nativePath ?? '-'],
  ['native not used because', report.nativeError ?? '-'],
];
for (const [key, value] of lines) process.stdout.write(`${key.padEnd(24)} ${value}\n`);
