// Types of parent.mjs, for test/fuzz/fuzz.test.ts.
export interface FuzzRun {
  report: { cases: number; calls: number; kernels: number; names: string[]; violations: unknown[] } | undefined;
  summary: string;
  problems: string[];
}
export function runFuzzChild(options: { backend: string; seed: number | string; runs: number | string; during?: boolean; skip?: string; timeoutMs?: number }): Promise<FuzzRun>;
