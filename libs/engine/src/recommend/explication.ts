/**
 * The explanation: an evaluation written out as an option (its reasons as sentences and as data,
 * deciding terms first), the one-line lag the undetailed options carry, the second pass that
 * writes out the options a chargé will read, and the line saying why the runner-up came second.
 */
import type { Destination, Motif, OptionOrientation } from '../orientation';
import { AUCUNE_REGLE, PAS_SCORE, type Evaluation } from './contexte';
import { logementsFr } from './format';

/** Options written out in full (reasons, soft rules); the others carry their lag as their one reason. */
export const DETAIL_MAX = 12;

export function finalize(destination: Destination, ev: Evaluation, libelle: string): OptionOrientation {
  if (!ev.detail) return optionEnBref(destination, ev.score, ev.retard, libelle);
  const score = arrondi(ev.score);
  ev.raisons.sort((a, b) => b.poids - a.poids);
  const motifs = ev.raisons.map(({ poids: _poids, ...m }): Motif => m);
  return {
    destination,
    libelle,
    score,
    eligible: true,
    satisfies: ev.satisfies,
    violates: ev.violates,
    raisons: motifs.map((m) => m.texte),
    motifs,
  };
}

const arrondi = (score: number) => Math.round(score * PAS_SCORE) / PAS_SCORE + 0;

/** An option of the first pass: until the second pass writes it out, it carries its lag (memoised text). */
export function optionEnBref(
  destination: Destination,
  score: number,
  retard: number,
  libelle: string,
): OptionOrientation {
  const r = raisonRetard(retard);
  return {
    destination,
    libelle,
    score: arrondi(score),
    eligible: true,
    satisfies: AUCUNE_REGLE,
    violates: AUCUNE_REGLE,
    raisons: r.raisons,
    motifs: r.motifs,
  };
}

const raisonsRetard = new Map<number, { raisons: string[]; motifs: Motif[] }>();

/**
 * ["Retard de 1,3 logement sur l'objectif à date"], memoised by tenth of a flat: the undetailed
 * options share these frozen one-line lists (no allocation per option).
 */
export function raisonRetard(retard: number): { raisons: string[]; motifs: Motif[] } {
  const dixiemes = Math.round(retard * 10);
  let r = raisonsRetard.get(dixiemes);
  if (r === undefined) {
    const v = dixiemes / 10;
    const texte =
      v >= 0.1
        ? `Retard de ${logementsFr(v)} sur l'objectif à date`
        : v <= -0.1
          ? `Avance de ${logementsFr(-v)} sur l'objectif à date`
          : "Dans les temps sur l'objectif à date";
    const motif: Motif = Object.freeze({
      sens: v <= -0.1 ? 'contre' : 'pour',
      texte,
      terme: 'RYTHME',
      valeur: Math.abs(v),
      unite: 'logement',
    });
    r = {
      raisons: Object.freeze([texte]) as unknown as string[],
      motifs: Object.freeze([motif]) as unknown as Motif[],
    };
    if (raisonsRetard.size < 10_000) raisonsRetard.set(dixiemes, r);
  }
  return r;
}

/**
 * Second pass: the first DETAIL_MAX eligible options get their reasons and rules (same scores),
 * `evaluer` writing out every option of one convention.
 */
export function detailler(
  eligibles: OptionOrientation[],
  evaluer: (conventionId: string) => OptionOrientation[],
  keyOf: (d: Destination) => string,
): void {
  const detailles = new Map<string, OptionOrientation>();
  const n = Math.min(DETAIL_MAX, eligibles.length);
  for (let i = 0; i < n; i++) {
    const d = eligibles[i].destination;
    if (d.kind !== 'CONVENTION') continue;
    if (!detailles.has(keyOf(d))) for (const o of evaluer(d.conventionId)) detailles.set(keyOf(o.destination), o);
    const full = detailles.get(keyOf(d));
    if (full) eligibles[i] = full;
  }
}

const minuscule = (texte: string) => texte[0].toLowerCase() + texte.slice(1);

/** The pace band's clause (see `regles/rythme.ts`): the runner-up's line keeps to the figures. */
const MARGE_RYTHME = /, au-delà de la marge de [^,]+ \(rythme régulier\)$/;

/**
 * A reason of `option` quoted in the runner-up's line, which already names it: without the
 * « name : » it may open with (the convention's name, for a sub-quota's option), nor the pace
 * band's clause.
 */
function cite(option: OptionOrientation, motif: Motif): string {
  const noms = option.libelle ? [option.libelle, option.libelle.replace(/, sous-quota .*$/, '')] : [];
  const nom = noms.find((n) => motif.texte.startsWith(`${n} : `));
  const texte = nom ? motif.texte.slice(nom.length + 3) : motif.texte;
  return minuscule(texte.replace(MARGE_RYTHME, ''));
}

/** A reason of one option the other does not match: no reason of the same term and sign with a figure at least as high. */
const propre = (motif: Motif, autres: readonly Motif[]) =>
  !autres.some((a) => a.terme === motif.terme && a.sens === motif.sens && (a.valeur ?? 0) >= (motif.valeur ?? 0));

/**
 * Why the runner-up came second, in one line naming both: the term that sets them apart most,
 * read on the winner's reasons for it that the runner-up does not match, then on the reasons
 * against the runner-up that do not weigh (as much) on the winner. A reason both share says nothing
 * of the order: with none that differs, the line says so.
 */
export function raisonSecond(premier: OptionOrientation, second: OptionOrientation): string {
  const qui = second.libelle ?? 'La deuxième option';
  const gagnant = premier.libelle ?? 'la recommandation';
  const mp = premier.motifs ?? [];
  const ms = second.motifs ?? [];
  const contre = ms.find((m) => m.sens === 'contre' && propre(m, mp));
  const avantage = mp.find((m) => m.sens === 'pour' && propre(m, ms));
  // The runner-up's reason on the deciding term, against the winner's on the same term.
  const faceAFace = (s: Motif, p: Motif) =>
    `${qui} vient en second : ${cite(second, s)}, contre « ${cite(premier, p)} » pour ${gagnant}`;
  if (avantage) {
    const face = ms.find((s) => s.terme === avantage.terme);
    if (face) return faceAFace(face, avantage);
    if (contre)
      return `${qui} vient en second : ${cite(second, contre)}, quand ${gagnant} a « ${cite(premier, avantage)} »`;
    return `${qui} vient en second : ${gagnant} l'emporte par « ${cite(premier, avantage)} »`;
  }
  if (contre) {
    const face = mp.find((p) => p.terme === contre.terme);
    return face ? faceAFace(contre, face) : `${qui} vient en second : ${cite(second, contre)}`;
  }
  return `${qui} vient en second : à égalité de motifs, ${gagnant} passe d'abord (ordre des conventions)`;
}
