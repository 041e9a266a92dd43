#!/usr/bin/env node
/** `npx corepool info`: prints what the running machine gives corepool. */
import { info } from './info.js';

const command = process.argv[2] ?? 'info';
if (command !== 'info') {
  process.stderr.write(`usage: corepool info\n`);
  process.exit(2);
}
const report = info();
// A path on the fallback is a binary refused as a stale build (see nativeError).
const binary = report.nativePath === undefined ? '-' : report.backend === 'native' ? report.nativePath : `${report.nativePath} (not used)`;
const lines: Array<[string, string]> = [
  ['backend', report.backend],
  ['threads', String(report.threads)],
  ['simd', report.simd],
  ['corepool', report.versions.corepool],
  ['node', report.versions.node],
  ['v8', report.versions.v8],
  ['napi', report.versions.napi ?? 'unknown'],
  ['native binary', binary],
  ['native not used because', report.nativeError ?? '-'],
];
for (const [key, value] of lines) process.stdout.write(`${key.padEnd(24)} ${value}\n`);
