import type { Convention } from '../domain';

/** A plain convention for tests: 30 % of the flux, counted on propositions, delegated; override what the test is about. */
export function conventionDeTest(over: Partial<Convention> = {}): Convention {
  return {
    id: 'c1',
    bailleurId: 'b1',
    reservataireId: 'r1',
    departement: '75',
    reference: 'CONV-TEST',
    cible: { type: 'TAUX', taux: 0.3 },
    decompte: { mode: 'PROPOSITION' },
    delegation: { mode: 'DELEGUEE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
    engagements: {},
    sousQuotas: [],
    contrepartie: 'AUTRE',
    actionCorrective: 'REPORT',
    deficitReporte: 0,
    compteMutations: false,
    dateDebut: '2024-01-01',
    ...over,
  };
}

/** A convention for `taux` of the flux to `reservataireId`, its reference `CONV-<id>`. */
export function conventionAuTaux(
  id: string,
  reservataireId: string,
  taux: number,
  over: Partial<Convention> = {},
): Convention {
  return conventionDeTest({ id, reservataireId, reference: `CONV-${id}`, cible: { type: 'TAUX', taux }, ...over });
}
