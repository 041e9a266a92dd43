/** What `npm pack` would publish: no source maps or object files, the license, node10 types for corepool/sync. */
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

// A guard against accidental bloat, not issue 17's 1.5 MB target (not met).
// Measured at 3.2 MB (dist: ESM + CJS + two .d.ts bundles, the worker and
// CLI entries minified; native/ sources; README) with no prebuilds, after
// the inline context and concurrentTasksPerWorker; 3.1 MB before them.
// Maps add 3.2 MB, and stale chunks from earlier builds used to add tens of
// MB (build:ts now empties dist/ first): either trips this.
const MAX_UNPACKED = 3.5 * 1024 * 1024;

describe('the packed tarball', () => {
  it('ships no .map or object files, ships LICENSE and dist/sync.d.ts, and stays small', async () => {
    const result = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      env: { npm_config_update_notifier: 'false' },
    });
    expect(result.status, result.stderr).toBe(0);
    const [packed] = JSON.parse(result.stdout) as Array<{ unpackedSize: number; files: Array<{ path: string }> }>;
    const files = packed!.files.map((file) => file.path);
    expect(files.filter((file) => /\.(map|o|obj)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('prebuilds/') || file.startsWith('build/'))).toEqual([]);
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/sync.d.ts');
    expect(packed!.unpackedSize).toBeLessThan(MAX_UNPACKED);
  });
});
