/**
 * Deterministic randomness for the sandbox: a small seeded PRNG (mulberry32) and HighLevel-looking ids
 * (20 alphanumeric characters, like `ve9EPM428h8vShlRW1KT`).
 */

export type Rng = () => number;

// Local copies: inside a vm context (jest) every access to a global such as `Math` goes through an
// interceptor and is ~100x slower, which matters in these hot loops.
const { floor, imul } = Math;
const fromCharCode = String.fromCharCode;

/** mulberry32: fast, good enough for test data, fully determined by its 32-bit seed. */
export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Mixes two integers into one 32-bit seed (so contact #i always gets the same generator). */
export const mixSeed = (a: number, b: number): number => {
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = imul(h ^ (b + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const ID_CODES = [...ID_ALPHABET].map((char) => char.charCodeAt(0));

/** Built from char codes in one go (string concatenation would leave a rope of 20 cons-strings per id). */
export const randomId = (rng: Rng, length = 20): string => {
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i += 1) codes[i] = ID_CODES[floor(rng() * ID_CODES.length)];
  return fromCharCode(...codes);
};

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[floor(rng() * items.length)];

export const chance = (rng: Rng, probability: number): boolean => rng() < probability;

export const intBetween = (rng: Rng, min: number, max: number): number =>
  min + floor(rng() * (max - min + 1));
