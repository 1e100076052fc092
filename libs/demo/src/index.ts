export * from './types';
export { generateDepartement, DEFAULT_SEED, DEFAULT_ANNEE } from './generate';
export { summarize, formatSummary, type DemoSummary } from './summarize';
export { Rng, createRng } from './random';
export { probabiliteRotation, offrePrevue, programmesNeufs, estDansAssiette, estRelouable, logementsLiberables } from './rotation';
export { objectifConvention } from './calculs';
export { dansTerritoire, PLAFOND_GARANTIE_EMPRUNT } from './reservations';
export { isValidSiren } from './referentiel';
