/**
 * The charted benchmark report (bench/report.mjs), rendered from a small
 * committed fixture of `npm run bench` results and opened in a real headless
 * Chromium: every chart must be on the page as an SVG with data marks drawn.
 * Leaves a screenshot in test/report/out/report.png (git-ignored) to look at.
 *
 * Needs Debian's chromium (.ci/run installs it; CHROMIUM_PATH overrides the
 * path). Without it the test fails, saying so: a skipped test would let a
 * broken report pass CI unnoticed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE = `${ROOT}/test/report/fixture_results.json`;
const OUT = `${ROOT}/test/report/out`;
const SCREENSHOT = `${OUT}/report.png`;
/** Speed-up against size for the reductions and one kernel per other family; the Pool comparison; thread scaling. */
const CHARTS = [...['sum', 'dot', 'min', 'add', 'exp', 'sort', 'matmul'].map((kernel) => `speedup_${kernel}`), 'pool', 'scaling'];

describe('the benchmark report', () => {
  it('renders every chart from saved results, and Chromium draws each with data points', async () => {
    expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH`).toBe(true);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });

    const rendered = await run(process.execPath, ['bench/report.mjs', '--results', FIXTURE, '--out', OUT]);
    expect(rendered.status, rendered.stderr).toBe(0);
    const svgFiles = readdirSync(OUT).filter((f) => f.endsWith('.svg'));
    expect(svgFiles.sort()).toEqual(CHARTS.map((c) => `${c}.svg`).sort());

    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(`${OUT}/index.html`).href);
      // Per chart: its figure id, its drawn size, and how many elements each
      // data-mark group of vega's SVG holds (axes, legends and titles have other roles).
      const charts = await page.$$eval('svg', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          // No DOM lib in tsconfig: the one method used on each group, typed by hand.
          const groups = Array.from(svg.querySelectorAll('g.role-mark')) as Array<{ querySelectorAll(s: string): { length: number } }>;
          return {
            id: svg.closest('figure')?.id,
            width: box.width,
            height: box.height,
            marks: groups.map((g) => g.querySelectorAll('path, rect, line, circle').length),
          };
        }),
      );
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      expect(charts.map((c) => c.id)).toEqual(CHARTS);
      for (const chart of charts) {
        expect(chart.width * chart.height, `${chart.id} has no size on the page`).toBeGreaterThan(0);
        expect(chart.marks.length, `${chart.id} has no data-mark group`).toBeGreaterThan(0);
        expect(Math.max(...chart.marks), `${chart.id} drew no data points`).toBeGreaterThan(0);
      }
      expect(await page.locator('.missing').count(), 'a chart was left out').toBe(0);
      expect(await page.locator('h1').textContent()).toBe('corepool benchmark report');
      expect(await page.locator('body').textContent()).toContain('npm run bench');
    } finally {
      await browser.close();
    }
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('says which chart it left out when a bench left no figures (a failed pool bench)', async () => {
    const dir = mkdtempSync(`${tmpdir()}/corepool-report-`);
    try {
      const results = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { families: Record<string, unknown> };
      delete results.families.pool;
      writeFileSync(`${dir}/results.json`, JSON.stringify(results));
      const rendered = await run(process.execPath, ['bench/report.mjs', '--results', `${dir}/results.json`, '--out', dir]);
      expect(rendered.status, rendered.stderr).toBe(0);
      expect(rendered.stderr).toContain('report: left out pool: no figures from bench/pool.mjs');
      expect(existsSync(`${dir}/pool.svg`)).toBe(false);
      expect(readFileSync(`${dir}/index.html`, 'utf8')).toMatch(/<p class="missing">Not charted: pool: no figures from bench\/pool\.mjs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
