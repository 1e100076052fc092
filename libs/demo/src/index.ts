export * from './types';
export { generateDepartement, DEFAULT_SEED, DEFAULT_ANNEE } from './generate';
export { summarize, formatSummary, type DemoSummary } from './summarize';
export { Rng, createRng } from './random';
export {
  probabiliteRotation,
  offrePrevue,
  programmesNeufs,
  estDansAssiette,
  estRelouable,
  logementsLiberables,
} from './rotation';
export { objectifConvention } from './calculs';
export { PLAFOND_GARANTIE_EMPRUNT } from './reservations';
export { dansTerritoire } from './ancien-stock';
export { jourOuvre, plusJours } from './calendrier';
export { DEPARTEMENT as DEPARTEMENT_DEMO, isValidSiren } from './referentiel';
export {
  planifierScenario,
  plusGrandBailleur,
  dateDemo,
  type ScenarioDemo,
  type EvenementPrevu,
  type DerogationPrevue,
  type SuitePrevue,
  type CandidatPrevu,
  type MotifDerogationDemo,
} from './scenario';
