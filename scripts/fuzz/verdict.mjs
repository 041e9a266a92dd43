// What the fuzzer accepts from a call: a result, or a TypeError / RangeError /
// AbortError whose `code` is one of ErrorCode's. Anything else is a finding.

/** 'ok' or the kind of violation. */
export function classify(error, codes) {
  if (!(error instanceof Error)) return 'non-error-thrown';
  const code = error.code;
  if (typeof code !== 'string') return 'uncoded';
  if (!codes.has(code)) return 'unknown-code';
  const rightClass = error instanceof TypeError || error instanceof RangeError || error.name === 'AbortError';
  if (!rightClass) return 'wrong-class';
  // A boundary that re-codes errors must only re-code the caller's own
  // failures (a throwing getter, an allocation too large), not our bugs.
  const cause = error.cause;
  // An AbortError's cause is the signal's reason, by design.
  if (error.name !== 'AbortError' && cause instanceof Error && typeof cause.code !== 'string' && !callerFault(cause))
    return 'recoded-internal';
  return 'ok';
}

function callerFault(cause) {
  return (
    cause.message === 'fuzz: hostile getter' ||
    /detached ArrayBuffer|allocation failed|Invalid typed array length|Invalid array buffer length|Array buffer allocation/i.test(
      cause.message,
    )
  );
}

/** The promise's outcome, or { hang: true } when it does not settle in `ms`. */
export function settleWithin(promise, ms) {
  let timer;
  const hang = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), ms);
  });
  const settled = promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  return Promise.race([settled, hang]).finally(() => clearTimeout(timer));
}
