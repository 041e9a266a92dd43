/** Blocking twins of the stats kernels. */
export {};
