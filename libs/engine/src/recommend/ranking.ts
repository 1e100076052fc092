/** The ranking of the eligible options: by decreasing score, stable, in linear time. */
import type { OptionOrientation } from '../orientation';
import { PAS_SCORE } from './contexte';

/**
 * The options by decreasing score, equal scores in their given order. Scores are whole multiples
 * of 1/PAS_SCORE: as 32-bit integers they rank by a stable radix sort, four passes of one byte
 * (linear in the number of options, no comparator calls); scores out of that range fall back to
 * the built-in (stable) sort.
 */
export function parScoreDecroissant(options: OptionOrientation[]): OptionOrientation[] {
  const n = options.length;
  const cles = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const m = Math.round(options[i].score * PAS_SCORE);
    if (!(m >= -0x80000000 && m <= 0x7fffffff)) return options.slice().sort((a, b) => b.score - a.score);
    cles[i] = 0x7fffffff - m; // highest score → smallest key
  }
  let ordre = new Uint32Array(n);
  let tampon = new Uint32Array(n);
  for (let i = 0; i < n; i++) ordre[i] = i;
  const rangs = new Uint32Array(256);
  for (let decalage = 0; decalage < 32; decalage += 8) {
    rangs.fill(0);
    for (let i = 0; i < n; i++) rangs[(cles[i] >>> decalage) & 255]++;
    if (n === 0 || rangs[(cles[0] >>> decalage) & 255] === n) continue; // one value of this byte: order unchanged
    for (let octet = 0, debut = 0; octet < 256; octet++) {
      const nombre = rangs[octet];
      rangs[octet] = debut;
      debut += nombre;
    }
    for (let k = 0; k < n; k++) {
      const i = ordre[k];
      tampon[rangs[(cles[i] >>> decalage) & 255]++] = i;
    }
    [ordre, tampon] = [tampon, ordre];
  }
  const classees = new Array<OptionOrientation>(n);
  for (let k = 0; k < n; k++) classees[k] = options[ordre[k]];
  return classees;
}
