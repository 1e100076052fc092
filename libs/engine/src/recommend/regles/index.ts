/** The rules of the recommendation, in the order they are applied (the order their terms add up in). */
import type { RegleDouce } from '../contexte';
import { REGLE_ENGAGEMENTS } from './engagements';
import { REGLE_PREFET } from './prefet';
import { REGLE_ADEQUATION, REGLE_MIXITE, REGLE_VACANCE } from './profil';
import { REGLE_RARETE, REGLE_RYTHME, REGLE_SEUL } from './rythme';

export {
  horsRegle,
  lieuDe,
  OK_ELIGIBILITE,
  REGLES_LIEU,
  REGLES_LOGEMENT,
  validateLogement,
  type Lieu,
} from './eligibilite';
export { compteProjete } from './rythme';
export { PLANCHER_LIMITE, planchersLaisses } from './prefet';
export { optionsSousQuotas } from './sous-quotas';
export {
  optionBailleur,
  optionsExclusions,
  USAGE_LIBELLE,
  type Convergence,
  MutationsComptees,
} from './hors-convention';

/** The soft rules on a convention. */
export const REGLES_CONVENTION: readonly RegleDouce[] = [
  REGLE_RYTHME,
  REGLE_RARETE,
  REGLE_SEUL,
  REGLE_PREFET,
  REGLE_ENGAGEMENTS,
  REGLE_ADEQUATION,
  REGLE_VACANCE,
  REGLE_MIXITE,
];
