import type { Logement } from '../domain';

/** A plain flat for tests: a T3 PLUS of bailleur b1, hors QPV, in the 75 (RPLS id `R` + its id); override what the test is about. */
export function logementDeTest(id: string, commune: string, over: Partial<Logement> = {}): Logement {
  return {
    id,
    rplsId: `R${id}`,
    bailleurId: 'b1',
    commune,
    epci: 'E1',
    departement: '75',
    qpv: false,
    typologie: 'T3',
    financement: 'PLUS',
    ...over,
  };
}
