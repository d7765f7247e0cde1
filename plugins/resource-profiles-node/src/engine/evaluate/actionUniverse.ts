import { compileActionPattern } from './patterns';

/**
 * The literal actions the rules ask about, numbered so a statement's matches are a bitset.
 * Bits are cached per action pattern, so shared policies cost one regex pass per pattern.
 */
export class ActionUniverse {
  readonly actions: string[];
  readonly words: number;
  private readonly index = new Map<string, number>();
  private readonly patternBits = new Map<string, Uint32Array>();

  constructor(actions: Iterable<string>) {
    this.actions = [...new Set([...actions].map(a => a.toLowerCase()))].sort();
    this.actions.forEach((a, i) => this.index.set(a, i));
    this.words = Math.ceil(this.actions.length / 32) || 1;
  }

  indexOf(action: string): number {
    return this.index.get(action.toLowerCase()) ?? -1;
  }

  empty(): Uint32Array {
    return new Uint32Array(this.words);
  }

  bitsForPattern(pattern: string): Uint32Array {
    let bits = this.patternBits.get(pattern);
    if (!bits) {
      bits = this.empty();
      const matches = compileActionPattern(pattern);
      this.actions.forEach((a, i) => {
        if (matches(a)) bits![i >>> 5] |= 1 << (i & 31);
      });
      this.patternBits.set(pattern, bits);
    }
    return bits;
  }

  bitsFor(patterns: string[], negate: boolean): Uint32Array {
    const out = this.empty();
    for (const p of patterns) {
      const b = this.bitsForPattern(p);
      for (let w = 0; w < out.length; w++) out[w] |= b[w];
    }
    if (negate) {
      for (let w = 0; w < out.length; w++) out[w] = ~out[w];
      const extra = this.words * 32 - this.actions.length;
      if (extra > 0) out[out.length - 1] &= 0xffffffff >>> extra;
    }
    return out;
  }
}

export const hasBit = (bits: Uint32Array, i: number) => (bits[i >>> 5] & (1 << (i & 31))) !== 0;

export function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let w = 0; w < target.length; w++) target[w] |= source[w];
}
