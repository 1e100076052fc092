/**
 * Small hand-made cases for the scenario specs: one bailleur in département 75, three communes
 * (A, B in EPCI E1; C in E2), an exercice of 100 flats to share with a flat seasonality, so that
 * at DATE (30 June) exactly half of every objective is expected.
 */
import { conventionAuTaux } from '@aiguillage/engine/testing/convention';
import { logementDeTest } from '@aiguillage/engine/testing/logement';
import type { Exercice, Logement, ProfilDemande, Reservataire, ReservataireKind, Typologie } from '@aiguillage/engine';
import {
  createState,
  DEFAULT_POLICY,
  keyOf,
  recommend,
  type ConventionProgress,
  type CreateStateInput,
  type Destination,
  type EngineState,
  type OptionOrientation,
  type Policy,
  type Recommendation,
} from '@aiguillage/engine';
import { exerciceDeTest } from '@aiguillage/engine/testing/exercice';

export const DATE = '2026-06-30';
export const DEP = '75';
export const [A, B, C] = ['75001', '75002', '75003'];

export function reservataire(id: string, kind: ReservataireKind, communes?: string[]): Reservataire {
  return {
    id,
    code: id.toUpperCase(),
    nom: `Réservataire ${id}`,
    kind,
    territoire: { departement: DEP, ...(communes ? { communes } : {}) },
  };
}

/** A convention for `taux` of the flux, in the 75 (the tests' département, `DEP`). */
export const convention = conventionAuTaux;

export function logement(id: string, commune: string, over: Partial<Logement> = {}): Logement {
  return logementDeTest(id, commune, { epci: commune === C ? 'E2' : 'E1', ...over });
}

export function exercice(over: Partial<Exercice> = {}): Exercice {
  return exerciceDeTest({ id: 'ex2026', departement: DEP, ...over, assiette: over.assiette ?? { logements: 1000 } });
}

export function profil(reservataireId: string, over: Partial<ProfilDemande> = {}): ProfilDemande {
  return {
    reservataireId,
    annee: 2026,
    demandes: [],
    quartiles: [0.25, 0.25, 0.25, 0.25],
    prioritaires: 0.25,
    delaiMoyenJours: 20,
    tauxRefus: 0.2,
    ...over,
  };
}

export function demandes(counts: Partial<Record<Typologie, number>>, commune: string | null = null) {
  return Object.entries(counts).map(([typologie, demandeurs]) => ({
    commune,
    typologie: typologie as Typologie,
    demandeurs: demandeurs,
  }));
}

/**
 * A state from createState, then progress counters set by hand. The bailleur's own share is on
 * pace by default (50 flats, half of the year's 100), so that it only wins when a test says so.
 */
export function etat(
  input: Omit<CreateStateInput, 'exercice'> & { exercice?: Exercice },
  progress: Record<string, Partial<ConventionProgress>> = {},
  extra: Partial<EngineState> = {},
): EngineState {
  const state = createState({ exercice: exercice(), ...input });
  for (const [id, p] of Object.entries(progress)) state.progress[id] = { ...state.progress[id], ...p };
  return { ...state, bailleurPropositions: 50, ...extra };
}

/** The recommendation at DATE for a flat (by default `l` in commune A), under the default policy unless told. */
export function recommande(state: EngineState, l = logement('l', A), policy: Policy = DEFAULT_POLICY): Recommendation {
  return recommend(l, state, policy, DATE);
}

export function option(rec: Recommendation, destination: string): OptionOrientation {
  const found = rec.options.find((o) => keyOf(o.destination) === destination);
  if (!found)
    throw new Error(`option ${destination} absente : ${rec.options.map((o) => keyOf(o.destination)).join(', ')}`);
  return found;
}

export function choisi(rec: Recommendation): string {
  const first = rec.options.find((o) => o.eligible);
  return first ? keyOf(first.destination) : 'AUCUNE';
}

export const conv = (id: string, sousQuota?: string): Destination => ({
  kind: 'CONVENTION',
  conventionId: id,
  ...(sousQuota ? { sousQuota } : {}),
});
