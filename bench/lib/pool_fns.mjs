// Task functions for the piscina / tinypool workers (named exports, run by name).
export const inc = (x) => x + 1;
export const incChunk = (xs) => xs.map((x) => x + 1);
export const touch = (a) => a.length;
export function work(iterations) {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + i * 1e-9) % 1e6;
  return x;
}
export default inc;
