/**
 * Invariants of the recommendation over random states (fast-check): never a hard violation chosen,
 * deterministic, exactly one option chosen, options sorted by score, at least one reason each; and
 * over random years of orientations, the counters stay consistent.
 */
import fc from 'fast-check';
import {
  applyOrientation,
  choix,
  createState,
  DEFAULT_POLICY,
  keyOf,
  recommend,
  TYPOLOGIES,
  USAGES_EXCLUS,
  type Convention,
  type EngineState,
  type Logement,
  type OptionOrientation,
  type ReservataireKind,
} from '@aiguillage/engine';
import { A, B, C, convention, exercice, logement, profil, reservataire } from './fixtures';

const COMMUNES = [A, B, C];
const KINDS: ReservataireKind[] = ['ETAT', 'ALS', 'COMMUNE', 'EPCI', 'DEFENSE', 'EMPLOYEUR'];

const arbConvention = (i: number) =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      taux: fc.double({ min: 0.01, max: 0.4, noNaN: true }),
      commune: fc.constantFrom(...COMMUNES),
      mode: fc.constantFrom('DIRECTE' as const, 'DELEGUEE' as const, 'PARTIELLE' as const),
      decompte: fc.constantFrom('PROPOSITION' as const, 'ATTRIBUTION' as const, 'BAIL' as const),
      dateFin: fc.option(fc.constantFrom('2026-03-31', '2026-12-31'), { nil: undefined }),
      qpvMax: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      sousQuota: fc.boolean(),
      propositions: fc.nat(60),
      qpv: fc.nat(20),
      communeCount: fc.nat(20),
      q1: fc.double({ min: 0, max: 1, noNaN: true }),
      demande: fc.array(fc.constantFrom(...TYPOLOGIES), { maxLength: 3 }),
    })
    .map((r) => ({ ...r, id: `c${i}` }));

const arbState = fc
  .integer({ min: 0, max: 20 })
  .chain((n) =>
    fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => arbConvention(i))), fc.nat(60), fc.nat(5), fc.boolean()),
  )
  .map(([specs, bailleur, mutations, offre]) => {
    const reservataires = specs.map((s) =>
      reservataire(`r${s.id}`, s.kind, s.kind === 'COMMUNE' ? [s.commune] : undefined),
    );
    const conventions: Convention[] = specs.map((s) =>
      convention(s.id, `r${s.id}`, s.taux, {
        delegation: {
          mode: s.mode,
          delaiJours: 30,
          candidatsMax: 3,
          retourCompte: s.mode !== 'DIRECTE',
          partDeleguee: 0.5,
        },
        decompte: { mode: s.decompte },
        dateFin: s.dateFin,
        engagements: {
          ...(s.qpvMax !== undefined ? { qpv: { max: s.qpvMax } } : {}),
          ...(s.kind === 'ETAT' ? { horsQpv: { min: 0.3 } } : {}),
        },
        sousQuotas: s.sousQuota ? [{ code: 'FONCT', libelle: 'fonctionnaires', taux: 0.05 }] : [],
      }),
    );
    const profils = specs.map((s) =>
      profil(`r${s.id}`, {
        quartiles: [s.q1, (1 - s.q1) / 3, (1 - s.q1) / 3, (1 - s.q1) / 3],
        demandes: s.demande.map((t) => ({ commune: null, typologie: t, demandeurs: 10 })),
      }),
    );
    const state = createState({
      exercice: exercice(),
      conventions,
      reservataires,
      profils,
      exclusionsPrevues: { MUTATION: mutations, NPNRU: mutations > 2 ? 1 : 0 },
      ...(offre
        ? {
            offrePrevue: COMMUNES.flatMap((commune) => [
              { commune, qpv: false, typologie: 'T3' as const, nombre: 30 },
              { commune, qpv: true, typologie: 'T2' as const, nombre: 5 },
            ]),
          }
        : {}),
    });
    for (const s of specs) {
      state.progress[s.id] = {
        ...state.progress[s.id],
        propositions: s.propositions,
        qpv: Math.min(s.qpv, s.propositions),
        horsQpv: s.propositions - Math.min(s.qpv, s.propositions),
        parCommune: { [s.commune]: s.communeCount },
      };
    }
    return { ...state, bailleurPropositions: bailleur };
  });

const arbLogement = fc
  .record({
    commune: fc.constantFrom(...COMMUNES),
    qpv: fc.boolean(),
    typologie: fc.constantFrom(...TYPOLOGIES),
    special: fc.constantFrom(undefined, undefined, undefined, 'DEFENSE' as const, 'VENTE' as const),
  })
  .map((r): Logement =>
    logement('l', r.commune, {
      qpv: r.qpv,
      typologie: r.typologie,
      stockDefense: r.special === 'DEFENSE',
      horsAssiette: r.special === 'VENTE' ? 'VENTE' : null,
    }),
  );

const arbDate = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));

describe('invariants de la recommandation', () => {
  it('options triées, éligibles d’abord, au moins une raison chacune, une seule destination choisie, jamais une règle dure violée', () => {
    fc.assert(
      fc.property(arbState, arbLogement, arbDate, (state, flat, date) => {
        const rec = recommend(flat, state, DEFAULT_POLICY, date);
        const keys = rec.options.map((o) => keyOf(o.destination));
        expect(new Set(keys).size).toBe(keys.length);
        for (let i = 1; i < rec.options.length; i++) {
          expect(rec.options[i - 1].score).toBeGreaterThanOrEqual(rec.options[i].score);
          if (!rec.options[i - 1].eligible) expect(rec.options[i].eligible).toBe(false);
        }
        for (const o of rec.options) {
          expect(o.raisons.length).toBeGreaterThan(0);
          expect(Number.isFinite(o.score)).toBe(true);
          expect(o.eligible).toBe(!o.violates.some((v) => v.hard));
        }
        const chosen = rec.options.filter((o) => o.eligible)[0];
        expect(chosen).toBeDefined();
        expect(chosen.violates.filter((v) => v.hard)).toEqual([]);
        expect(choix(rec)).toEqual(chosen.destination);
      }),
      { numRuns: 300 },
    );
  });

  /** Where an eligible option stands in the given order: conventions (each before its sub-quotas), excluded uses, the bailleur. */
  const rangDonne = (state: EngineState) => {
    const rangs = new Map(state.conventions.map((c, i) => [c.id, 2 * i]));
    return (o: OptionOrientation) => {
      const d = o.destination;
      if (d.kind === 'CONVENTION') return rangs.get(d.conventionId)! + (d.sousQuota ? 1 : 0);
      return d.kind === 'EXCLU' ? 1e9 + USAGES_EXCLUS.indexOf(d.usage) : 2e9;
    };
  };
  const classementAttendu = (state: EngineState, options: OptionOrientation[]) => {
    const rang = rangDonne(state);
    return [...options].sort((a, b) => b.score - a.score || rang(a) - rang(b)).map((o) => keyOf(o.destination));
  };

  it('à score égal, les options gardent leur ordre donné (conventions, usages exclus, bailleur)', () => {
    fc.assert(
      fc.property(arbState, arbLogement, arbDate, (state, flat, date) => {
        const eligibles = recommend(flat, state, DEFAULT_POLICY, date).options.filter((o) => o.eligible);
        expect(eligibles.map((o) => keyOf(o.destination))).toEqual(classementAttendu(state, eligibles));
      }),
      { numRuns: 200 },
    );
  });

  it('3 000 conventions aux retards variés et souvent égaux : classement par score décroissant, stable', () => {
    const n = 3000;
    const conventions = Array.from({ length: n }, (_, i) => convention(`c${i}`, `r${i}`, 0.0002 + (i % 7) * 0.00005));
    const state = createState({
      exercice: exercice(),
      conventions,
      reservataires: conventions.map((c) => reservataire(c.reservataireId, 'EMPLOYEUR')),
      profils: [],
    });
    for (let i = 0; i < n; i++) state.progress[`c${i}`] = { ...state.progress[`c${i}`], propositions: (i * 37) % 5 };
    const eligibles = recommend(logement('l', A), state, DEFAULT_POLICY, '2026-09-15').options.filter(
      (o) => o.eligible,
    );
    expect(eligibles.length).toBe(n + 1);
    expect(new Set(eligibles.map((o) => o.score)).size).toBeGreaterThan(10);
    expect(eligibles.map((o) => keyOf(o.destination))).toEqual(classementAttendu(state, eligibles));
  });

  it('déterministe : même entrée (même copiée) → même sortie', () => {
    fc.assert(
      fc.property(arbState, arbLogement, arbDate, (state, flat, date) => {
        const a = recommend(flat, state, DEFAULT_POLICY, date);
        const copy = JSON.parse(JSON.stringify(state)) as EngineState;
        expect(recommend(flat, copy, DEFAULT_POLICY, date)).toEqual(a);
        expect(recommend(flat, state, DEFAULT_POLICY, date)).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('sur une année de libérations, chaque logement a une destination et les compteurs restent cohérents', () => {
    fc.assert(
      fc.property(
        arbState,
        fc.array(fc.tuple(arbLogement, arbDate), { minLength: 1, maxLength: 60 }),
        (initial, flats) => {
          let state: EngineState = {
            ...initial,
            progress: Object.fromEntries(
              Object.entries(initial.progress).map(([id, p]) => [
                id,
                { ...p, propositions: 0, qpv: 0, horsQpv: 0, parCommune: {} },
              ]),
            ),
            bailleurPropositions: 0,
          };
          const exclusionsAvant = USAGES_EXCLUS.reduce((s, u) => s + (state.exclusionsRestantes[u] ?? 0), 0);
          const sorted = [...flats].sort((x, y) => x[1].localeCompare(y[1]));
          sorted.forEach(([flat, date], i) => {
            const destination = choix(recommend({ ...flat, id: `l${i}` }, state, DEFAULT_POLICY, date));
            if (destination.kind === 'EXCLU') expect(state.exclusionsRestantes[destination.usage]).toBeGreaterThan(0);
            state = applyOrientation(state, { ...flat, id: `l${i}` }, destination);
          });
          const propositions = Object.values(state.progress).reduce((s, p) => s + p.propositions, 0);
          const exclusionsApres = USAGES_EXCLUS.reduce((s, u) => s + (state.exclusionsRestantes[u] ?? 0), 0);
          expect(propositions + state.bailleurPropositions + (exclusionsAvant - exclusionsApres)).toBe(flats.length);
          for (const p of Object.values(state.progress)) expect(p.qpv + p.horsQpv).toBe(p.propositions);
        },
      ),
      { numRuns: 100 },
    );
  });
});
