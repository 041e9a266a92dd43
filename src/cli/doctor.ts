/** `corepool doctor`: what stands between this machine and the native backend, one check a line. */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PACKAGE_ROOT } from '../backend/native.js';
import type { CorepoolInfo } from '../info.js';

/** First executable called `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** One check: ok or missing, what was checked, what was found. */
const line = (ok: boolean, label: string, detail: string): string => `${ok ? 'ok     ' : 'missing'} ${label.padEnd(16)} ${detail}`;

/**
 * Prints the checks and what to do.
 * @returns the exit code: 0 when the native backend is loaded, else 1.
 */
export function doctor(report: CorepoolInfo, write: (text: string) => void): number {
  const native = report.backend === 'native';
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const platform = `${process.platform}-${process.arch}`;
  const prebuild = join(PACKAGE_ROOT, 'prebuilds', platform);
  const python = onPath('python3');
  const make = onPath('make');
  const compiler = ['c++', 'g++', 'clang++'].map(onPath).find((file) => file !== undefined);
  // nativeError adds the raw loader message when the reason does not already carry it.
  const raw = report.nativeError !== undefined && !(report.reason ?? '').includes(report.nativeError) ? ` (${report.nativeError})` : '';
  const why = native ? (report.nativePath ?? '') : `${report.reason ?? 'unknown'}${raw}`;
  const lines = [
    line(nodeMajor >= 20, 'node >= 20', process.versions.node),
    line(native, 'native backend', native ? `loaded: ${why}` : `not loaded: ${why}`),
    line(existsSync(prebuild), 'prebuild', existsSync(prebuild) ? prebuild : `none for ${platform}`),
    line(python !== undefined, 'python3', python ?? 'not on PATH'),
    line(make !== undefined, 'make', make ?? 'not on PATH'),
    line(compiler !== undefined, 'C++ compiler', compiler ?? 'none of c++, g++, clang++ on PATH'),
  ];
  let advice: string;
  if (native) advice = 'nothing to do: kernels run on the native backend';
  else if (report.fix === undefined) advice = 'nothing to do: the fallback was asked for (unset COREPOOL_BACKEND for native)';
  else if (python && make && compiler) advice = 'run `npm rebuild corepool` to build the native backend';
  else {
    const missing = [python ? '' : 'python3', make ? '' : 'make', compiler ? '' : 'a C++ compiler (g++ or clang++)'].filter(Boolean);
    advice = `install ${missing.join(', ')}, then run \`npm rebuild corepool\``;
  }
  lines.push(`to do   ${advice}`);
  for (const text of lines) write(`${text}\n`);
  return native ? 0 : 1;
}
