import type { AssietteInput, Exercice } from '../domain';

/** A plain assiette for tests: no flats, a 10 % turnover, nothing excluded; override what the test is about. */
export function assietteDeTest(over: Partial<AssietteInput> = {}): AssietteInput {
  return {
    logements: 0,
    stockDefense: 0,
    plansVente: 0,
    demolitions: 0,
    tauxRotation: 0.1,
    mutations: 0,
    relogements: { npnru: 0, orcod: 0, lhi: 0 },
    ...over,
  };
}

/** The guide's worked example: 9 775 flats in the flux × 8,3 % = 811 gross, less 120 excluded = 691 to share. */
export const ASSIETTE_DU_GUIDE: AssietteInput = {
  logements: 10_000,
  stockDefense: 120,
  plansVente: 60,
  demolitions: 45,
  tauxRotation: 0.083,
  mutations: 90,
  relogements: { npnru: 25, orcod: 3, lhi: 2 },
};

/**
 * A plain exercice for tests: bailleur b1 in the 75 in 2026, 100 flats to share with a flat
 * seasonality, no objectives; override what the test is about (`assiette` field by field).
 */
export function exerciceDeTest(
  over: Partial<Omit<Exercice, 'assiette'>> & { assiette?: Partial<AssietteInput> } = {},
): Exercice {
  const { assiette, ...rest } = over;
  return {
    id: 'e',
    bailleurId: 'b1',
    departement: '75',
    annee: 2026,
    assiette: assietteDeTest(assiette),
    fluxARepartir: 100,
    saisonnalite: Array<number>(12).fill(1 / 12),
    objectifs: [],
    ...rest,
  };
}
