/**
 * An option's reasons as the console shows them: the engine's own (`motifs`, in the order of
 * `raisons`, deciding terms first) with their sign, figure and unit, split into « pour » and
 * « contre ». Nothing is read from the wording. Pure.
 */
import type { Motif, OptionOrientation } from '@aiguillage/engine';
import type { RaisonLue } from './console.types';

export function raisonLue(m: Motif): RaisonLue {
  return {
    texte: m.texte,
    sens: m.sens === 'contre' ? 'CONTRE' : 'POUR',
    valeur: m.valeur ?? null,
    unite: m.unite ?? null,
  };
}

/** The reasons for and against an eligible option (an ineligible one shows the hard rule that excludes it instead). */
export function raisonsPourContre(option: Pick<OptionOrientation, 'eligible' | 'motifs'>): {
  pour: RaisonLue[];
  contre: RaisonLue[];
} {
  const raisons = option.eligible ? (option.motifs ?? []).map(raisonLue) : [];
  return { pour: raisons.filter((r) => r.sens === 'POUR'), contre: raisons.filter((r) => r.sens === 'CONTRE') };
}
