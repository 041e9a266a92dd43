/**
 * Docs that run (STYLE.md rule 16): every fenced ```js and ```ts block in
 * README.md runs as written, each in its own child process, on the Node that
 * runs the tests (the `engines` floor in CI).
 *
 * - A block is written to a scratch directory inside the repo, so that
 *   `import … from 'corepool'` resolves by package self-reference to this
 *   repo's package.json, exactly as it does for a user (vitest's alias to
 *   dist/ does not reach child processes).
 * - Blocks are type-checked first, all together, against the built types:
 *   ```ts with `tsc --strict`, ```js with `--checkJs` under the same options
 *   except noImplicitAny. ```ts blocks then run under the tsx loader (Node 20
 *   cannot strip types), which Pool and Process workers inherit.
 * - A block whose first line is `// <name>.js` (or .mjs, .ts; a `: comment`
 *   may follow) is a module other blocks import: it is written under that name.
 * - A block whose first line is `// excerpt of <path>` quotes the source:
 *   every code line must appear, in order, in that file.
 * - A block may opt out only with `// doctest: skip — <reason>` (it needs a
 *   server or minutes of time); the reason is reported.
 *
 * README_DOCTEST_VERBOSE=1 prints each block's output (to write its comments).
 *
 * The blocks use only the public API, which both backends serve alike, so
 * this file runs in the native project only (vitest.config.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'js' | 'ts';
  code: string;
  /** The nearest heading above the block. */
  section: string;
  /** Scratch file name. */
  file: string;
  skip?: string;
  excerptOf?: string;
}

const README = join(ROOT, 'README.md');
const BLOCK_TIMEOUT_MS = 60_000;
/** Two children at a time: the suite shares two cores with other work. */
const CONCURRENCY = 2;

const SKIP = /^\s*\/\/ doctest: skip\s*[—–-]\s*(\S.*)$/m;
const MODULE_NAME = /^\/\/ ([\w-]+\.(?:m?js|ts))(?::.*)?$/;
const EXCERPT = /^\/\/ excerpt of (\S+)\s*$/;

function extractBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const heading = /^#{1,6} (.*)/.exec(text);
    if (heading) section = heading[1]!;
    // Fences may be indented (inside a list) and carry more than a language.
    const fence = /^( *)(`{3,})\s*([^`\s]*)/.exec(text);
    if (!fence) continue;
    const indent = fence[1]!;
    const ticks = fence[2]!;
    const info = fence[3]!;
    const end = lines.findIndex((l, j) => j > i && l.trim() === ticks);
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed fence`);
    const code = `${lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n')}\n`;
    if (info === 'js' || info === 'ts') {
      const first = code.split('\n', 1)[0]!;
      const n = blocks.length + 1;
      const block: Block = { line: i + 1, lang: info, code, section, file: `block${String(n).padStart(2, '0')}.${info}` };
      const skip = SKIP.exec(code);
      if (skip) block.skip = skip[1]!;
      const excerpt = EXCERPT.exec(first);
      if (excerpt) block.excerptOf = excerpt[1]!;
      const moduleName = MODULE_NAME.exec(first);
      if (moduleName) block.file = moduleName[1]!;
      blocks.push(block);
    } else if (/^(javascript|typescript|mjs|cjs|tsx|jsx)$/.test(info)) {
      throw new Error(`README.md:${i + 1}: fence \`${info}\` is not run; label it js or ts`);
    }
    i = end;
  }
  return blocks;
}

/** Code lines (comments and blank lines dropped) of an excerpt must appear in order in the file. */
function missingExcerptLine(code: string, source: string): string | undefined {
  const sourceLines = source.split('\n').map((l) => l.replace(/\s*\/\/.*$/, '').trim());
  let at = 0;
  for (const raw of code.split('\n').slice(1)) {
    const want = raw.replace(/\s*\/\/.*$/, '').trim();
    if (want === '') continue;
    const found = sourceLines.indexOf(want, at);
    if (found < 0) return raw;
    at = found + 1;
  }
  return undefined;
}

/** Runs at most CONCURRENCY tasks at once. */
function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const blocks = extractBlocks(readFileSync(README, 'utf8'));
const runnable = blocks.filter((b) => !b.skip && !b.excerptOf);
const tsBlocks = runnable.filter((b) => b.lang === 'ts');
const jsBlocks = runnable.filter((b) => b.lang === 'js');
const limit = limiter(CONCURRENCY);
let dir = '';
let tscOutput = '';
let tscStatuses: (number | null)[] = [];
const started = Date.now();

beforeAll(async () => {
  // Inside the repo, so the nearest package.json is corepool's own: 'corepool'
  // resolves by self-reference, and "type": "module" makes .js files ESM.
  dir = mkdtempSync(join(ROOT, '.doctest-'));
  // `export {}` keeps a block without imports a module, as a .js file here is.
  for (const b of blocks) writeFileSync(join(dir, b.file), b.lang === 'ts' ? `${b.code}export {};\n` : b.code);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'ESNext.Disposable'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    skipLibCheck: true,
  };
  // js blocks are checked too (checkJs: wrong names, options and argument
  // types), without noImplicitAny, which plain JavaScript cannot satisfy.
  const projects = {
    'tsconfig.ts.json': { compilerOptions, files: tsBlocks.map((b) => b.file) },
    'tsconfig.js.json': {
      compilerOptions: { ...compilerOptions, allowJs: true, checkJs: true, noImplicitAny: false },
      files: jsBlocks.map((b) => b.file),
    },
  };
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const results = await Promise.all(
    Object.entries(projects)
      .filter(([, project]) => project.files.length > 0)
      .map(([name, project]) => {
        writeFileSync(join(dir, name), JSON.stringify(project));
        return run(process.execPath, [tsc, '-p', name], { cwd: dir, timeoutMs: 120_000 });
      }),
  );
  tscOutput = results.map((r) => r.stdout + r.stderr).join('\n');
  tscStatuses = results.map((r) => r.status);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  const skipped = blocks.filter((b) => b.skip);
  const excerpts = blocks.filter((b) => b.excerptOf);
  const lines = [
    `README.md doctest: ${blocks.length} blocks, ${runnable.length} type-checked and run (${tsBlocks.length} ts, ${jsBlocks.length} js), ` +
      `${excerpts.length} checked as source excerpts, ${skipped.length} skipped, on Node ${process.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ...skipped.map((b) => `  skipped README.md:${b.line} (${b.section}): ${b.skip}`),
  ];
  console.log(lines.join('\n'));
});

describe('README.md code blocks', () => {
  it('type-checked every block (tsc ran, and reported nothing outside the blocks)', () => {
    // 0: clean, 2: errors, reported per block below; anything else means tsc itself failed.
    for (const status of tscStatuses) expect([0, 2], tscOutput).toContain(status);
    const stray = tscOutput.split('\n').filter((l) => /error TS\d+/.test(l) && !blocks.some((b) => l.startsWith(`${b.file}(`)));
    expect(stray.join('\n')).toBe('');
  });

  it('has blocks, and every opt-out gives its reason', () => {
    expect(runnable.length).toBeGreaterThan(10);
    for (const b of blocks.filter((x) => x.skip)) expect(b.skip!.length, `README.md:${b.line}`).toBeGreaterThan(10);
  });

  for (const b of blocks) {
    const name = `README.md:${b.line} ${b.lang} (${b.section})`;
    if (b.skip) {
      it.skip(`${name}: ${b.skip}`, () => {});
    } else if (b.excerptOf) {
      const path = b.excerptOf;
      it(`${name} quotes ${path}`, () => {
        expect(missingExcerptLine(b.code, readFileSync(join(ROOT, path), 'utf8')), `not in ${path}`).toBeUndefined();
      });
    } else {
      it.concurrent(
        name,
        async () => {
          const errors = tscOutput.split('\n').filter((l) => l.startsWith(`${b.file}(`));
          expect(errors.join('\n'), b.lang === 'ts' ? 'tsc --strict' : 'tsc --strict --checkJs (implicit any allowed)').toBe('');
          const args = b.lang === 'ts' ? ['--import', 'tsx', b.file] : [b.file];
          const r = await limit(() => run(process.execPath, args, { cwd: dir, timeoutMs: BLOCK_TIMEOUT_MS }));
          const output = `--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
          expect(r.signal, `killed (timeout ${BLOCK_TIMEOUT_MS} ms?)\n${output}`).toBeNull();
          expect(r.status, output).toBe(0);
          if (process.env.README_DOCTEST_VERBOSE) console.log(`${name}\n${output}`);
        },
        BLOCK_TIMEOUT_MS + 30_000,
      );
    }
  }
});
