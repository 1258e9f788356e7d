/**
 * A seeded pseudo-random source (the SplitMix32 mixing of a Weyl sequence), so that `sample` and
 * `rand()` give the same answer for the same seed: a rule test that uses them stays reproducible.
 */
export type Random = () => number;

/** Numbers in [0, 1), a function of the seed alone. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    z ^= z >>> 15;
    return (z >>> 0) / 4294967296;
  };
}
