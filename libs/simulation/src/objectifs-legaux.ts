/**
 * The legal allocation objectives (CCH L.441-1), per strategy: each réservataire's share of
 * priority households among the attributions to its own candidates (target ≥ 25 %), the share of
 * first-quartile households among attributions hors QPV (≥ 25 %) and of quartiles 2–4 among
 * attributions in QPV (≥ 50 %). Flats of the flux, households followed to their attribution.
 */
import type { Reservataire } from '@aiguillage/engine';
import type { FlatRecord } from './simulator';

export const CIBLES_LEGALES = Object.freeze({ prioritaires: 0.25, q1HorsQpv: 0.25, q234Qpv: 0.5 });

export interface PartReservataire {
  reservataire: string;
  attributions: number;
  prioritaires: number;
  /** prioritaires / attributions (null without attribution). */
  part: number | null;
  /** part ≥ the 25 % target. */
  atteint: boolean | null;
}

export interface ObjectifsLegaux {
  cibles: typeof CIBLES_LEGALES;
  q1HorsQpv: { attributions: number; part: number | null };
  q234Qpv: { attributions: number; part: number | null };
  prioritaires: PartReservataire[];
}

const part = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1e4) / 1e4 : null);

/** `fluxFlats`: the flats of the flux; `reservataireOf`: convention id → réservataire. */
export function objectifsLegaux(
  fluxFlats: FlatRecord[],
  reservataireOf: Map<string, string>,
  reservataires: Map<string, Reservataire>,
): ObjectifsLegaux {
  const horsQpv = fluxFlats.filter((f) => !f.logement.qpv);
  const qpv = fluxFlats.filter((f) => f.logement.qpv);
  const parReservataire = new Map<string, { attributions: number; prioritaires: number }>();
  for (const f of fluxFlats) {
    const a = f.timeline.attribution;
    if (!a.reservataire || f.destination.kind !== 'CONVENTION') continue;
    const id = reservataireOf.get(f.destination.conventionId)!;
    const r = parReservataire.get(id) ?? { attributions: 0, prioritaires: 0 };
    r.attributions++;
    if (a.prioritaire) r.prioritaires++;
    parReservataire.set(id, r);
  }
  const prioritaires = [...parReservataire]
    .map(([id, r]): PartReservataire => {
      const p = part(r.prioritaires, r.attributions);
      return {
        reservataire: reservataires.get(id)?.nom ?? id,
        attributions: r.attributions,
        prioritaires: r.prioritaires,
        part: p,
        atteint: p === null ? null : p >= CIBLES_LEGALES.prioritaires,
      };
    })
    .sort((a, b) => a.reservataire.localeCompare(b.reservataire));
  return {
    cibles: CIBLES_LEGALES,
    q1HorsQpv: {
      attributions: horsQpv.length,
      part: part(horsQpv.filter((f) => f.timeline.attribution.quartile === 1).length, horsQpv.length),
    },
    q234Qpv: {
      attributions: qpv.length,
      part: part(qpv.filter((f) => f.timeline.attribution.quartile >= 2).length, qpv.length),
    },
    prioritaires,
  };
}
