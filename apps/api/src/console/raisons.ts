/**
 * The engine gives each option its reasons as French sentences ranked by weight; the console shows
 * them split into « pour » and « contre » with their figure. The sign is read from the sentence's
 * opening words (the engine's own vocabulary, `libs/engine/src/recommend/recommend.ts`), the
 * figure is the first number of the sentence (French notation: « 4,2 »). Pure.
 */
export interface RaisonLue {
  texte: string;
  sens: 'POUR' | 'CONTRE';
  /** The first figure of the sentence (flats, %, days), or null when it has none. */
  chiffre: number | null;
}

/** Openings of the sentences that count against an option. */
const CONTRE: RegExp[] = [
  /^Avance de /,
  /^Objectif annuel déjà atteint/,
  /^Compromet /,
  /^Dépasse /,
  /^En QPV : le préfet a déjà/,
  /^Taux uniforme : le préfet a déjà/,
  /^Aucune demande /,
  /^Demande \S+ faible/,
  /^Gestion directe : attente/,
  /^Peu de /,
];

const NOMBRE = String.raw`(\d[\d\s\u202f\u00a0]*(?:,\d+)?)`;
/** A figure with its unit (flats, %, days) first; else the first figure after « : »; else the first figure. */
const AVEC_UNITE = new RegExp(`${NOMBRE}\\s*(?:logements?|%|jours?)`);
const APRES_DEUX_POINTS = new RegExp(`:[^\\d]*${NOMBRE}`);
const PREMIER = new RegExp(NOMBRE);

export function lireRaison(texte: string): RaisonLue {
  const sens = CONTRE.some((r) => r.test(texte)) ? 'CONTRE' : 'POUR';
  const sansOrdinaux = texte.replace(/\bT\d\b|\b\d+(?:er|re|e)\b/g, '');
  const match = AVEC_UNITE.exec(sansOrdinaux) ?? APRES_DEUX_POINTS.exec(sansOrdinaux) ?? PREMIER.exec(sansOrdinaux);
  const chiffre = match ? Number(match[1].replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')) : null;
  return { texte, sens, chiffre: chiffre !== null && Number.isFinite(chiffre) ? chiffre : null };
}
