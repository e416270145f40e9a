/** `pair_style zero CUTOFF [nocoeff]`: no forces, but a cutoff so neighbour lists are built. */
import type { PairStyle, PairStyleFactory } from './types.js';
import { isNumeric } from '../input/args.js';

export const zeroFactory: PairStyleFactory = {
  create(args): PairStyle {
    if (args.length < 1 || args.length > 2 || (args.length === 2 && args[1] !== 'nocoeff')) throw new Error('pair_style zero: expected CUTOFF [nocoeff]');
    const cut = isNumeric(args[0]) ? Number(args[0]) : NaN;
    if (!(cut >= 0)) throw new Error(`pair_style zero: expected a cutoff, found '${args[0]}'`);
    return {
      name: 'zero',
      cutoff: cut,
      neighborKind: 'half',
      coeff(a: string[]) {
        if (a.length < 2) throw new Error('pair_coeff for zero: expected I J [cutoff]');
      },
      compute() {},
    };
  },
};
