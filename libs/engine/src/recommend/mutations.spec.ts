/**
 * A mutation counts for a convention that opted in (compteMutations): the engine weighs that
 * convention's pace on the mutation option, so the bailleur's mutations land where they do not push
 * it past its objective (issue 14, the demo's Chantevière Agglomération went +101 flats without it).
 */
import type { Reservataire } from '../domain';
import { applyOrientation, createState } from '../progress';
import { conventionDeTest } from '../testing/convention';
import { DEFAULT_POLICY, resolvePolicy, type Policy } from './policy';
import { recommend } from './recommend';
import { exerciceDeTest } from '../testing/exercice';
import { logementDeTest } from '../testing/logement';

const reservataires: Reservataire[] = [
  {
    id: 'agglo',
    code: 'AGGLO',
    nom: 'Chantevière Agglomération',
    kind: 'EPCI',
    territoire: { departement: '75', epcis: ['E1'] },
  },
  { id: 'als', code: 'ALS', nom: 'Action Logement Services', kind: 'ALS', territoire: { departement: '75' } },
];
const conventions = [
  conventionDeTest({
    id: 'agglo',
    reference: 'CONV-AGGLO',
    reservataireId: 'agglo',
    departement: '75',
    compteMutations: true,
    cible: { type: 'DROITS_UNIQUES', nombre: 2, annees: 1 },
  }),
  conventionDeTest({
    id: 'als',
    reference: 'CONV-ALS',
    reservataireId: 'als',
    departement: '75',
    cible: { type: 'DROITS_UNIQUES', nombre: 20, annees: 1 },
  }),
];
const exercice = exerciceDeTest({
  assiette: { mutations: 20 },
  objectifs: [
    { conventionId: 'agglo', objectif: 2 },
    { conventionId: 'als', objectif: 20 },
  ],
});
const logement = (id: string, commune: string, epci: string) => logementDeTest(id, commune, { rplsId: id, epci });
const mutationDe = (r: ReturnType<typeof recommend>) =>
  r.options.find((o) => o.destination.kind === 'EXCLU' && o.destination.usage === 'MUTATION')!;

describe('mutation comptée pour une convention (compteMutations)', () => {
  it('convention déjà à son objectif : la mutation sur son territoire est pénalisée, texte nommant la convention avec son chiffre (contre)', () => {
    let state = createState({ exercice, conventions, reservataires });
    state = applyOrientation(state, logement('m1', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    state = applyOrientation(state, logement('m2', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    expect(state.progress.agglo.propositions).toBe(2);
    const dedans = mutationDe(recommend(logement('x', '75101', 'E1'), state, DEFAULT_POLICY, '2026-03-01'));
    const dehors = mutationDe(recommend(logement('y', '75103', 'E2'), state, DEFAULT_POLICY, '2026-03-01'));
    expect(dedans.score).toBeLessThan(dehors.score - 2);
    const m = dedans.motifs!.find((x) => x.terme === 'MUTATION_COMPTEE')!;
    expect(m.sens).toBe('contre');
    expect(m.texte).toBe(
      'Compte aussi pour Chantevière Agglomération — convention CONV-AGGLO, déjà à 2 sur un objectif de 2',
    );
    expect(m.valeur).toBe(0);
    expect(dehors.motifs!.some((x) => x.terme === 'MUTATION_COMPTEE')).toBe(false);
  });

  it("convention à son objectif : une mutation qui l'y ferait passer pèse depassementMutation par logement, et le logement va ailleurs", () => {
    let state = createState({ exercice, conventions, reservataires });
    state = applyOrientation(state, logement('m1', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    state = applyOrientation(state, logement('m2', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    // Action Logement on pace (10 of 20 on 30 June), the bailleur's own share well served.
    state = {
      ...state,
      bailleurPropositions: 100,
      progress: { ...state.progress, als: { ...state.progress.als, propositions: 10 } },
    };
    const ecart = (policy: Policy) =>
      mutationDe(recommend(logement('y', '75103', 'E2'), state, policy, '2026-06-30')).score -
      mutationDe(recommend(logement('x', '75101', 'E1'), state, policy, '2026-06-30')).score;
    // A mutation would put it one flat past its objective: the difference is that weight (and its pace: 2 for 1 expected on 30 June).
    expect(ecart(DEFAULT_POLICY)).toBeCloseTo(50 + 1, 1);
    expect(ecart(resolvePolicy({ depassementMutation: 3 }))).toBeCloseTo(3 + 1, 1);
    // The bailleur is behind its plan of 20 mutations on 30 June (2 mutations for 10 expected): it mutates a flat, but not one that pushes the agglomération past its objective.
    const choix = (policy: Policy) =>
      recommend(logement('x', '75101', 'E1'), state, policy, '2026-06-30').options.find((o) => o.eligible)!.destination;
    expect(choix(DEFAULT_POLICY).kind).not.toBe('EXCLU');
    // With the brake of any flat past an objective (3), the mutation would still land in the agglomération.
    expect(choix(resolvePolicy({ depassementMutation: 3 }))).toEqual({ kind: 'EXCLU', usage: 'MUTATION' });
  });

  it('31/12, dernière mutation du prévisionnel : elle ne fait pas passer la convention au-delà de son objectif, elle va hors de son territoire', () => {
    let state = createState({ exercice, conventions, reservataires });
    state = applyOrientation(state, logement('m1', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    state = applyOrientation(state, logement('m2', '75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    // The agglomération at its objective (2 of 2), Action Logement too (20 of 20), one mutation of 20 left to serve.
    state = {
      ...state,
      bailleurPropositions: 78,
      exclusionsRestantes: { ...state.exclusionsRestantes, MUTATION: 1 },
      progress: { ...state.progress, als: { ...state.progress.als, propositions: 20 } },
    };
    const choix = (l: ReturnType<typeof logement>, policy: Policy) =>
      recommend(l, state, policy, '2026-12-31').options.find((o) => o.eligible)!.destination;
    expect(choix(logement('x', '75101', 'E1'), DEFAULT_POLICY).kind).not.toBe('EXCLU');
    expect(choix(logement('y', '75103', 'E2'), DEFAULT_POLICY)).toEqual({ kind: 'EXCLU', usage: 'MUTATION' });
    // With the former brake (20, under the plan's pull of its last flat, urgence 40), the agglomération ended at 3.
    expect(choix(logement('x', '75101', 'E1'), resolvePolicy({ depassementMutation: 20 }))).toEqual({
      kind: 'EXCLU',
      usage: 'MUTATION',
    });
  });

  it('convention en retard : la mutation sur son territoire est favorisée (pour), avec son retard', () => {
    const state = createState({
      exercice: { ...exercice, objectifs: [{ conventionId: 'agglo', objectif: 24 }, exercice.objectifs[1]] },
      conventions,
      reservataires,
    });
    const r = recommend(logement('x', '75101', 'E1'), state, DEFAULT_POLICY, '2026-07-01');
    const dedans = mutationDe(r);
    const dehors = mutationDe(recommend(logement('y', '75103', 'E2'), state, DEFAULT_POLICY, '2026-07-01'));
    expect(dedans.score).toBeGreaterThan(dehors.score);
    const m = dedans.motifs!.find((x) => x.terme === 'MUTATION_COMPTEE')!;
    expect(m.sens).toBe('pour');
    expect(m.texte).toMatch(
      /^Compte aussi pour Chantevière Agglomération — convention CONV-AGGLO, en retard de 12,1 logements à date$/,
    );
  });

  it('au-delà de trois conventions concernées, les autres sont résumées en une ligne chiffrée', () => {
    const agglos = [1, 2, 3, 4, 5].map((i) =>
      conventionDeTest({
        id: `a${i}`,
        reference: `CONV-A${i}`,
        reservataireId: 'agglo',
        departement: '75',
        compteMutations: true,
        cible: { type: 'DROITS_UNIQUES', nombre: 2 * i, annees: 1 },
      }),
    );
    const state = createState({
      exercice: { ...exercice, objectifs: agglos.map((c, i) => ({ conventionId: c.id, objectif: 2 * (i + 1) })) },
      conventions: agglos,
      reservataires,
    });
    const m = mutationDe(recommend(logement('x', '75101', 'E1'), state, DEFAULT_POLICY, '2026-07-01'));
    const textes = m.motifs!.filter((x) => x.terme === 'MUTATION_COMPTEE').map((x) => x.texte);
    // Lags at 1 July: 5,0 / 4,0 / 3,0 / 2,0 / 1,0 flats; the three largest one by one, the other two summed.
    expect(textes).toEqual([
      'Compte aussi pour Chantevière Agglomération — convention CONV-A5, en retard de 5 logements à date',
      'Compte aussi pour Chantevière Agglomération — convention CONV-A4, en retard de 4 logements à date',
      'Compte aussi pour Chantevière Agglomération — convention CONV-A3, en retard de 3 logements à date',
      'Compte aussi pour 2 autres conventions : retard cumulé de 3 logements à date',
    ]);
  });
});
