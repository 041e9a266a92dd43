/** Spec rows of dot, norm, variance and std. */
import { type KernelSpec, MATRIX, SIGNAL, spec } from './spec.js';

const reduction = (name: string, doc: string, numpy: string, result = 'number', options: readonly string[] = SIGNAL): KernelSpec =>
  spec('reduction', name, ['a'], result, options, doc, numpy);

export const REDUCTIONS_SPECS: readonly KernelSpec[] = [
  // A shape (m, k or n) makes dot a matrix product, so it takes matmul's options.
  spec(
    'reduction',
    'dot',
    ['a', 'b'],
    'number (a matrix with a shape)',
    MATRIX,
    'Inner product of two arrays of one dtype and length (a matrix product when the options give a shape).',
    '`numpy.dot(a, b)`',
  ),
  reduction('norm', 'Vector norm (ord 2, 1 or Infinity).', '`numpy.linalg.norm(a, ord)`', 'number', ['ord', 'signal']),
  reduction(
    'variance',
    'Variance, sum((x - mean)^2) / (n - ddof), in float64 (also exported as `var`).',
    '`numpy.var(a, ddof=ddof)`',
    'number',
    ['ddof', 'signal'],
  ),
  reduction('std', 'Standard deviation: the square root of variance.', '`numpy.std(a, ddof=ddof)`', 'number', ['ddof', 'signal']),
];
