import { describe, expect, it } from 'vitest';
import { filterExecArgv, withoutRefused } from '../../src/exec_argv.js';

describe('worker execArgv (ISSUE10 finding 8)', () => {
  it('drops the flags that pick or alter the entry script, with their values', () => {
    expect(filterExecArgv(['--input-type=module', '-e', 'x()', '--max-old-space-size=300'])).toEqual(['--max-old-space-size=300']);
    expect(filterExecArgv(['--eval=x()', '-p', 'y', '--print', 'z', '-pe', 'w', '--input-type', 'module'])).toEqual([]);
    expect(filterExecArgv(['-i', '--interactive', '-c', '--check', '--test', '--test-reporter', 'spec', '--test-name-pattern=a'])).toEqual(
      [],
    );
    expect(filterExecArgv(['--watch', '--watch-path', 'src', '--watch-preserve-output', '--inspect-brk=9229', '--expose-gc'])).toEqual([
      '--expose-gc',
    ]);
  });

  it('keeps heap, loader, condition and experimental flags, and a kept flag keeps its value', () => {
    const kept = [
      '--max-old-space-size',
      '512',
      '--import',
      'tsx',
      '-r',
      './x.cjs',
      '--loader',
      'ts-node/esm',
      '-C',
      'dev',
      '--conditions=prod',
      '--expose-gc',
      '--enable-source-maps',
      '--experimental-vm-modules',
      '--require',
      '-e.cjs',
    ];
    expect(filterExecArgv(kept)).toEqual(kept);
  });

  it('takes the flags a Worker refuses as process-wide out of the list', () => {
    const error = Object.assign(new Error('Initiated Worker with invalid execArgv flags: --max-old-space-size=300, --expose-gc'), {
      code: 'ERR_WORKER_INVALID_EXEC_ARGV',
    });
    expect(withoutRefused(['--max-old-space-size=300', '--expose-gc', '--conditions=x'], error)).toEqual(['--conditions=x']);
    expect(withoutRefused(['--conditions=x'], new Error('other'))).toBeUndefined();
  });
});
