/** Per-flat turnover probability and the forecasts derived from it (assiette, supply lookahead). */
import { ajouterOffre, type CelluleOffre, type EngineState, type Logement } from '@aiguillage/engine';
import { ROTATION_QPV, ROTATION_TYPOLOGIE, rotationTension } from './parametres';
import type { DemoDepartement } from './types';
import { round } from './util';

/** Relative turnover of a flat before calibration (typologie × tension × QPV). */
export function rotationRelative(logement: Pick<Logement, 'typologie' | 'qpv'>, tension: number): number {
  return ROTATION_TYPOLOGIE[logement.typologie] * rotationTension(tension) * (logement.qpv ? ROTATION_QPV : 1);
}

/** Probability that the flat is freed during the year, given the calibrated base of the demo. */
export function probabiliteRotation(
  logement: Pick<Logement, 'typologie' | 'qpv'>,
  tension: number,
  base: number,
): number {
  return Math.min(0.95, base * rotationRelative(logement, tension));
}

/** Existing flats that turn over and are re-let: not new this year, not in a sale or demolition plan. */
export function estRelouable(l: Logement, programmesNeufs: ReadonlySet<string>): boolean {
  return !l.horsAssiette && !programmesNeufs.has(l.programmeId ?? '');
}

/** Flats of the assiette: re-let flats minus the DEFENSE stock. */
export function estDansAssiette(l: Logement, programmesNeufs: ReadonlySet<string>): boolean {
  return estRelouable(l, programmesNeufs) && !l.stockDefense;
}

/**
 * The bailleur's flats a test or a benchmark may declare freed: in the flux (no DEFENSE stock, not
 * sold or demolished) and not already freed in the demo's year.
 */
export function logementsLiberables(
  demo: Pick<DemoDepartement, 'logements' | 'liberations'>,
  bailleurId: string,
): Logement[] {
  const declared = new Set(demo.liberations.map((l) => l.logementId));
  return demo.logements.filter(
    (l) => l.bailleurId === bailleurId && !l.stockDefense && !l.horsAssiette && !declared.has(l.id),
  );
}

/** The ids of the programmes delivered during the demo's year. */
export function programmesNeufs(demo: Pick<DemoDepartement, 'programmes' | 'annee'>): Set<string> {
  return new Set(demo.programmes.filter((p) => p.anneeLivraison === demo.annee).map((p) => p.id));
}

/**
 * Forecast libérations of one bailleur's flux for the demo's year, by commune × EPCI × QPV ×
 * typologie (expected turnover of its assiette flats × the forecast's prudence): the `EngineState.offrePrevue` input of the
 * scarcity lookahead. The first lettings of the year's new programmes are agreed "pour un tour"
 * outside the flux; `{ neuf: true }` adds them (one flat each) for a simulation that orients them.
 */
export function offrePrevue(
  demo: DemoDepartement,
  bailleurId: string,
  options: { neuf?: boolean } = {},
): NonNullable<EngineState['offrePrevue']> {
  const neufs = programmesNeufs(demo);
  const tension = new Map(demo.communes.map((c) => [c.insee, c.tension ?? 0]));
  const acc = new Map<string, CelluleOffre>();
  for (const l of demo.logements) {
    if (l.bailleurId !== bailleurId) continue;
    const neuf = neufs.has(l.programmeId ?? '');
    if (neuf ? !options.neuf : !estDansAssiette(l, neufs)) continue;
    const attendu = neuf
      ? 1
      : probabiliteRotation(l, tension.get(l.commune) ?? 0, demo.parametres.rotationBase) * demo.parametres.prudence;
    ajouterOffre(acc, l, attendu);
  }
  return [...acc.values()]
    .map((c) => ({ ...c, nombre: round(c.nombre, 2) }))
    .sort(
      (a, b) =>
        a.commune.localeCompare(b.commune) || Number(a.qpv) - Number(b.qpv) || a.typologie.localeCompare(b.typologie),
    );
}
