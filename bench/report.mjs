/**
 * The charted benchmark report, rendered from saved figures (no measuring):
 *
 *   node bench/report.mjs [--results bench/report/results.json] [--out bench/report]
 *
 * writes <out>/index.html and one <out>/<chart>.svg per chart. `npm run bench
 * -- --report` measures and then calls renderReport(); `npm run bench --
 * --report-only` is the same as running this file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chartsFor } from './lib/charts.mjs';
import { renderHtml } from './lib/html_report.mjs';
import { renderSvg } from './lib/svg.mjs';

export const REPORT_DIR = fileURLToPath(new URL('./report', import.meta.url));
export const RESULTS_JSON = `${REPORT_DIR}/results.json`;

/** Renders the report from `resultsFile` into `outDir`; resolves with the files written. */
export async function renderReport({ resultsFile = RESULTS_JSON, outDir = REPORT_DIR, command = 'node bench/report.mjs' } = {}) {
  let results;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${resultsFile} (run \`npm run bench\` first): ${error.message}`, { cause: error });
  }
  mkdirSync(outDir, { recursive: true });
  const { charts: specs, missing } = chartsFor(results);
  for (const line of missing) console.warn(`report: left out ${line}`);
  const charts = [];
  const written = [];
  for (const chart of specs) {
    const svg = await renderSvg(chart.spec, chart.id);
    writeFileSync(`${outDir}/${chart.id}.svg`, svg);
    written.push(`${outDir}/${chart.id}.svg`);
    charts.push({ ...chart, svg });
  }
  writeFileSync(`${outDir}/index.html`, renderHtml(results, charts, command, missing));
  written.push(`${outDir}/index.html`);
  return written;
}

function flag(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await renderReport({ resultsFile: flag('--results'), outDir: flag('--out') });
  for (const file of files) console.log(`wrote ${relative(process.cwd(), file)}`);
}
