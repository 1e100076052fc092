/**
 * Targets of the real year: percentage objectives follow the flux actually to share, estimated
 * during the year by blending the observed pace with the forecast (exact at 31/12); counts stay
 * counts; planned excluded uses move with the supply unless the policy holds them firm.
 * Forecast of the fixtures: 100 flats to share, 1/12 a month; at 30/06 half the year is expected.
 */
import { DEFAULT_POLICY, recommend, resolvePolicy, type FluxOriente } from '@aiguillage/engine';
import { A, convention, DATE, etat, exercice, logement, option, reservataire } from './fixtures';

const reservataires = [reservataire('als', 'ALS'), reservataire('dep', 'DEPARTEMENT'), reservataire('com', 'COMMUNE')];
const conventions = [convention('x', 'als', 0.3), convention('y', 'dep', 0.2)];
const PREVISION = resolvePolicy({ anneeReelle: false });

/** `total` flats of the flux oriented so far, all in commune A, hors QPV (consistent with the counts below). */
const oriente = (total: number): FluxOriente => ({
  total,
  qpv: 0,
  horsQpv: total,
  parCommune: { [A]: total },
  parCellule: { [`${A}|E1|H|T3`]: total },
});
const motifsDe = (rec: ReturnType<typeof recommend>, d: string) =>
  option(rec, d).motifs!.map((m) => `${m.sens} ${m.texte}`);

describe("l'année réelle", () => {
  it('année courte : 40 logements au 30/06 au lieu de 50, flux estimé 90, objectifs en pourcentage ramenés', () => {
    const state = etat(
      { conventions, reservataires },
      { x: { propositions: 12 }, y: { propositions: 8 } },
      { bailleurPropositions: 20, fluxOriente: oriente(40) },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    // Weights by inverse variance: forecast 0,1² against the pace's 0,5 / 40 + (0,05 × 0,5)², w = 0,43:
    // 0,43 × 40 / 0,5 + 0,57 × 100 ≈ 91 flats: x is owed 27,4 (13,7 at date), not 30 (15 at date).
    expect(motifsDe(rec, 'CONVENTION:x')).toEqual(
      expect.arrayContaining([
        "pour Réservataire als — convention CONV-x : retard de 1,7 logement sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
        "contre Objectif suivant le flux de l'année : 27,4 logements au lieu de 30 logements prévus (flux estimé à 91 logements)",
      ]),
    );
    const prevision = recommend(logement('l', A), state, PREVISION, DATE);
    expect(option(prevision, 'CONVENTION:x').raisons).toContain(
      "Réservataire als — convention CONV-x : retard de 3 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
  });

  it("année courte au 31/12 : l'objectif est exactement la part du flux réellement partagé", () => {
    const state = etat(
      { conventions, reservataires },
      { x: { propositions: 23 }, y: { propositions: 16 } },
      { bailleurPropositions: 41, fluxOriente: oriente(80) },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, '2026-12-31');
    // 80 flats shared: x is owed 24 and has 23, y 16 of 16.
    expect(option(rec, 'CONVENTION:x').raisons).toContain(
      "Objectif suivant le flux de l'année : 24 logements au lieu de 30 logements prévus (flux estimé à 80 logements)",
    );
    expect(option(rec, 'CONVENTION:x').raisons[0]).toBe(
      "Réservataire als — convention CONV-x : retard de 1 logement sur l'objectif à date, au-delà de la marge de 0,5 logement (rythme régulier)",
    );
    expect(option(rec, 'CONVENTION:y').raisons).toContain('Objectif annuel déjà atteint (16 sur 16)');
  });

  it('année longue : 60 logements au 30/06, flux estimé 110, le préfet et les conventions en pourcentage montent', () => {
    const state = etat(
      { conventions, reservataires },
      { x: { propositions: 15 }, y: { propositions: 10 } },
      { bailleurPropositions: 35, fluxOriente: oriente(60) },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    // w = 0,01 / (0,01 + 0,5 / 60 + 0,000625) = 0,53: 0,53 × 120 + 0,47 × 100 ≈ 111 flats, x owed 33,2.
    expect(motifsDe(rec, 'CONVENTION:x')).toEqual(
      expect.arrayContaining([
        "pour Réservataire als — convention CONV-x : retard de 1,6 logement sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
        "pour Objectif suivant le flux de l'année : 33,2 logements au lieu de 30 logements prévus (flux estimé à 111 logements)",
      ]),
    );
    // On the forecast, x would be on time (15 of 15) and the flat would not go to it.
    expect(option(recommend(logement('l', A), state, PREVISION, DATE), 'CONVENTION:x').raisons[0]).toBe(
      "Dans les temps sur l'objectif à date",
    );
    expect(rec.options[0].libelle).toBe('Réservataire als — convention CONV-x');
  });

  describe('usages exclus : un plan qui suit l’offre, sauf s’il est ferme', () => {
    // 10 mutations planned on a forecast of 110 libérations; at 30/06, 36 flats shared and 4 mutations served (40 instead of 55).
    const ex = exercice({ assiette: { ...exercice().assiette, mutations: 10 } });
    const state = etat(
      { conventions, reservataires, exercice: ex },
      { x: { propositions: 11 }, y: { propositions: 7 } },
      { bailleurPropositions: 18, fluxOriente: oriente(36), exclusionsRestantes: { MUTATION: 6 } },
    );

    it('par défaut le prévisionnel des mutations est ramené avec l’offre de l’année', () => {
      const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
      // w = 0,43 (40 libérations observed): 0,43 × 40 / 0,5 + 0,57 × 110 ≈ 97 libérations: 10 × 97 / 110 ≈ 8,8 mutations for the year.
      expect(motifsDe(rec, 'EXCLU:MUTATION')).toEqual([
        'pour Mutation interne : retard de 0,4 logement sur le prévisionnel à date',
        "contre Mutation interne : prévisionnel ramené de 10 logements à 8,8 logements avec l'offre de l'année",
      ]);
    });

    it('ferme, il reste entier : la mutation en retard passe devant', () => {
      const rec = recommend(logement('l', A), state, resolvePolicy({ exclusionsFermes: true }), DATE);
      expect(motifsDe(rec, 'EXCLU:MUTATION')).toEqual([
        'pour Mutation interne : retard de 1 logement sur le prévisionnel à date',
      ]);
      expect(() => resolvePolicy({ exclusionsFermes: 'oui' as never })).toThrow(
        /policy.exclusionsFermes : doit être vrai ou faux/,
      );
    });
  });

  it("convention en nombre (droits uniques) dans une année courte : l'objectif reste un nombre", () => {
    const avecNombre = [
      ...conventions,
      convention('d', 'com', 0, { cible: { type: 'DROITS_UNIQUES', nombre: 20, annees: 1 } }),
    ];
    const state = etat(
      { conventions: avecNombre, reservataires },
      { x: { propositions: 12 }, y: { propositions: 8 }, d: { propositions: 6 } },
      { bailleurPropositions: 14, fluxOriente: oriente(40) },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    const d = option(rec, 'CONVENTION:d');
    // 20 due whatever the flux: 10 expected at date, 6 received.
    expect(d.raisons).toContain(
      "Réservataire com — convention CONV-d : retard de 4 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
    expect(d.raisons.join(' | ')).not.toMatch(/flux de l'année/);
    expect(rec.options[0].destination).toEqual({ kind: 'CONVENTION', conventionId: 'd' });
  });
});
