/**
 * The shape of .github/workflows/prebuild.yml, the release workflow that builds
 * the prebuilds this machine cannot: every target on its own runner running
 * `npm run prebuild`, each prebuilds/ uploaded, then merged and packed.
 * A unit test: no network, no Actions runner, and no YAML dependency (the
 * parser below reads the block-style subset the workflow is written in).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './npm_scratch.js';

type Yaml = string | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  number: number;
}

/**
 * Block mappings, block sequences and one-line scalars (plain, 'single' or
 * "double" quoted), with comments. Anything else (flow collections, block
 * scalars, anchors, tags, tabs) throws, so the workflow stays in this subset
 * instead of being misread. Every scalar stays a string.
 */
function parseYaml(source: string): Yaml {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, index) => {
    if (/^\s*\t/.test(raw)) throw new Error(`line ${index + 1}: tab indentation`);
    const text = raw.trimEnd();
    if (text.trim() === '' || text.trim().startsWith('#')) return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trimStart(), number: index + 1 });
  });
  let at = 0;

  const scalar = (text: string, line: Line): string => {
    if (/^[|>{[&*!%@`]/.test(text)) throw new Error(`line ${line.number}: unsupported YAML: ${text}`);
    const quoted = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)')(?:\s+#.*)?$/.exec(text);
    if (quoted) return quoted[1] !== undefined ? (JSON.parse(`"${quoted[1]}"`) as string) : quoted[2]!.replace(/''/g, "'");
    if (/^["']/.test(text)) throw new Error(`line ${line.number}: unterminated quote: ${text}`);
    return text.replace(/\s+#.*$/, '');
  };

  // A value that follows `key:` or `- ` on its own line(s), or null when nothing is nested.
  const nested = (parentIndent: number, allowSameIndentSequence: boolean): Yaml => {
    const next = lines[at];
    if (!next) return null;
    if (next.indent > parentIndent) return block(next.indent);
    if (allowSameIndentSequence && next.indent === parentIndent && next.text.startsWith('- ')) return sequence(parentIndent);
    return null;
  };

  const sequence = (indent: number): Yaml[] => {
    const items: Yaml[] = [];
    while (at < lines.length && lines[at]!.indent === indent && (lines[at]!.text === '-' || lines[at]!.text.startsWith('- '))) {
      const line = lines[at]!;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        at++;
        items.push(nested(indent, false));
      } else if (/^[\w.-]+:(?:\s|$)/.test(rest)) {
        // `- key: value` opens a mapping whose keys sit where `key` does.
        const inner = indent + (line.text.length - rest.length);
        lines[at] = { indent: inner, text: rest, number: line.number };
        items.push(mapping(inner));
      } else {
        at++;
        items.push(scalar(rest, line));
      }
    }
    return items;
  };

  const mapping = (indent: number): { [key: string]: Yaml } => {
    const result: { [key: string]: Yaml } = {};
    while (at < lines.length && lines[at]!.indent === indent && !lines[at]!.text.startsWith('- ')) {
      const line = lines[at]!;
      const match = /^([\w.-]+):(?:\s+(.*))?$/.exec(line.text);
      if (!match) throw new Error(`line ${line.number}: expected \`key: value\`: ${line.text}`);
      const [, key, value] = match;
      if (key! in result) throw new Error(`line ${line.number}: duplicate key ${key}`);
      at++;
      const text = value?.replace(/^#.*$/, '') ?? '';
      result[key!] = text === '' ? nested(indent, true) : scalar(text, line);
    }
    return result;
  };

  const block = (indent: number): Yaml => {
    const first = lines[at]!;
    return first.text === '-' || first.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  };

  if (lines.length === 0) return null;
  const root = block(lines[0]!.indent);
  if (at < lines.length) throw new Error(`line ${lines[at]!.number}: unexpected indentation: ${lines[at]!.text}`);
  return root;
}

type Map = { [key: string]: Yaml };
const asMap = (value: Yaml | undefined, what: string): Map => {
  if (value === null || value === undefined || typeof value === 'string' || Array.isArray(value))
    throw new Error(`${what} is not a mapping`);
  return value;
};
const asList = (value: Yaml | undefined, what: string): Yaml[] => {
  if (!Array.isArray(value)) throw new Error(`${what} is not a sequence`);
  return value;
};
/** `needs: build` and `needs: [a, b]` alike. */
const listOf = (value: Yaml | undefined): Yaml[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

// The platforms the release builds, and the runner each must build on (its own OS and CPU).
const TARGETS: Record<string, string> = {
  'linux-x64': 'ubuntu-latest',
  'linux-arm64': 'ubuntu-24.04-arm',
  'darwin-x64': 'macos-13',
  'darwin-arm64': 'macos-14',
  'win32-x64': 'windows-latest',
};

interface Step {
  uses?: string;
  run?: string;
  with: Map;
}

const stepsOf = (job: Map, name: string): Step[] =>
  asList(job.steps, `jobs.${name}.steps`).map((step, index) => {
    const map = asMap(step, `jobs.${name}.steps[${index}]`);
    return {
      uses: typeof map.uses === 'string' ? map.uses : undefined,
      run: typeof map.run === 'string' ? map.run : undefined,
      with: map.with === undefined ? {} : asMap(map.with, `jobs.${name}.steps[${index}].with`),
    };
  });

/** ${{ matrix.key }} expressions replaced from one matrix entry. */
const expand = (text: string, entry: Map): string =>
  text.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => {
    const value = entry[key];
    if (typeof value !== 'string') throw new Error(`matrix.${key} is not set`);
    return value;
  });

describe('the YAML subset parser', () => {
  it('reads mappings, sequences, `- key:` items and quoted scalars', () => {
    const yaml = "a:\n  b: \"x: y\" # note\n  c:\n    - one\n    - k: v\n      l: 'it''s'\nd:\n- 1\n";
    expect(parseYaml(yaml)).toEqual({ a: { b: 'x: y', c: ['one', { k: 'v', l: "it's" }] }, d: ['1'] });
  });

  it('refuses what it does not read, instead of misreading it', () => {
    expect(() => parseYaml('a: |\n  text\n')).toThrow(/unsupported/);
    expect(() => parseYaml('a: [1, 2]\n')).toThrow(/unsupported/);
    expect(() => parseYaml('a: 1\n  b: 2\n')).toThrow(/indentation/);
  });
});

describe('.github/workflows/prebuild.yml', () => {
  const workflow = asMap(parseYaml(readFileSync(join(ROOT, '.github', 'workflows', 'prebuild.yml'), 'utf8')), 'the workflow');
  const jobs = asMap(workflow.jobs, 'jobs');
  const packName = Object.keys(jobs).find((name) => stepsOf(asMap(jobs[name]!, name), name).some((s) => s.run?.startsWith('npm pack')));
  const buildNames = Object.keys(jobs).filter((name) => name !== packName);

  /** Every (job, matrix entry) that builds: its target, runner and steps with matrix values filled in. */
  const builds = buildNames.flatMap((name) => {
    const job = asMap(jobs[name]!, name);
    const matrix = job.strategy === undefined ? undefined : asMap(asMap(job.strategy, 'strategy').matrix, 'matrix');
    const entries = matrix ? asList(matrix.include, `jobs.${name}.strategy.matrix.include`).map((e) => asMap(e, 'a matrix entry')) : [{}];
    return entries.map((entry) => ({
      job: name,
      target: typeof entry.target === 'string' ? entry.target : name,
      runner: expand(String(job['runs-on']), entry),
      steps: stepsOf(job, name).map((step) => ({
        uses: step.uses,
        run: step.run && expand(step.run, entry),
        with: Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, typeof v === 'string' ? expand(v, entry) : v])),
      })),
    }));
  });

  it('runs on release tags and by hand', () => {
    const on = asMap(workflow.on, 'on');
    expect(Object.keys(on)).toContain('workflow_dispatch');
    expect(asList(asMap(on.push, 'on.push').tags, 'on.push.tags')).toContain('v*');
  });

  it('builds the five targets, each on its own runner', () => {
    expect(packName).toBeDefined();
    expect(Object.fromEntries(builds.map((b) => [b.target, b.runner]))).toEqual(TARGETS);
    expect(builds).toHaveLength(Object.keys(TARGETS).length);
  });

  it('every build runs `npm run prebuild` and then uploads its prebuilds/ under a name of its own', () => {
    const names = new Set<string>();
    for (const build of builds) {
      const prebuild = build.steps.findIndex((s) => s.run === 'npm run prebuild');
      const upload = build.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(prebuild, build.target).toBeGreaterThanOrEqual(0);
      expect(upload, build.target).toBeGreaterThan(prebuild);
      const { name, path } = build.steps[upload]!.with;
      expect(path, build.target).toMatch(/^prebuilds\/?$/);
      expect(name, build.target).toMatch(/^prebuilds-/);
      names.add(String(name));
      // The install script would compile the addon a second time before the prebuild does.
      const install = build.steps.find((s) => s.run?.startsWith('npm ci') || s.run?.startsWith('npm install'));
      expect(install?.run, build.target).toContain('--ignore-scripts');
    }
    expect(names.size).toBe(Object.keys(TARGETS).length);
  });

  it('the pack job waits for every build, merges the artifacts into prebuilds/ and packs without scripts', () => {
    const pack = asMap(jobs[packName!]!, packName!);
    expect(listOf(pack.needs).sort()).toEqual([...buildNames].sort());
    const steps = stepsOf(pack, packName!);
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download).toBeGreaterThanOrEqual(0);
    expect(steps[download]!.with).toMatchObject({ pattern: 'prebuilds-*', path: 'prebuilds', 'merge-multiple': 'true' });
    const buildTs = steps.findIndex((s) => s.run === 'npm run build:ts');
    const packStep = steps.findIndex((s) => s.run?.startsWith('npm pack'));
    expect(buildTs).toBeGreaterThan(-1);
    expect(packStep).toBeGreaterThan(Math.max(download, buildTs));
    expect(steps[packStep]!.run).toContain('--ignore-scripts');
    // The merged directory is checked for every target before packing.
    const check = steps.findIndex((s) => Object.keys(TARGETS).every((t) => s.run?.includes(t)));
    expect(check).toBeGreaterThan(download);
    expect(check).toBeLessThan(packStep);
    // And the tarball is kept.
    expect(steps.slice(packStep).some((s) => s.uses?.startsWith('actions/upload-artifact@') && /\.tgz$/.test(String(s.with.path)))).toBe(
      true,
    );
  });
});
