/** Process and its helpers (Python's multiprocessing.Process, current_process, active_children, cpu_count). */
export { Process, type ProcessOptions } from './process.js';
export { activeChildren, cpuCount, currentProcess } from './current.js';
export type { ProcessInfo } from './types.js';
