import type { Convention } from '../domain';
import { EngineInputError } from '../errors';
import { conventionDeTest } from '../testing/convention';
import { calculerAssiette, calculerAssietteDirecte } from './assiette';
import {
  conversionProrata,
  conversionScenario1,
  conversionScenario2,
  conversionScenario3,
  conversionScenario4,
} from './conversion';
import { objectifAnnuel, objectifsAnnuels } from './objectifs';
import { fractionAttendue, progressionAttendue } from './saisonnalite';
import { prevoirOffre } from './offre';
import { ASSIETTE_DU_GUIDE, assietteDeTest } from '../testing/exercice';

describe('assiette et flux à répartir', () => {
  it('seed 002 : 1 000 logements loués, 350 exclus → 650 à répartir', () => {
    expect(calculerAssietteDirecte({ fluxBrut: 1000, exclusions: 350 })).toEqual({
      patrimoineFlux: null,
      fluxBrut: 1000,
      fluxARepartir: 650,
    });
  });

  it('retire Défense, ventes et démolitions, applique la rotation, arrondit, puis retire mutations et relogements', () => {
    const a = calculerAssiette(ASSIETTE_DU_GUIDE);
    // 9 775 × 8,3 % = 811,325 → 811 ; 811 − 120 = 691
    expect(a).toEqual({ patrimoineFlux: 9775, fluxBrut: 811, fluxARepartir: 691 });
  });

  it('refuse une entrée incohérente en nommant le champ, en français', () => {
    const base = assietteDeTest({ logements: 100 });
    expect(() => calculerAssiette({ ...base, tauxRotation: 9 })).toThrow(
      /tauxRotation : doit être inférieur ou égal à 1/,
    );
    expect(() => calculerAssiette({ ...base, logements: -1 })).toThrow(EngineInputError);
    expect(() => calculerAssiette({ ...base, mutations: 50 })).toThrow(
      /exclusions \(50\) dépassent le flux brut \(10\)/,
    );
    expect(() => calculerAssietteDirecte({ fluxBrut: 10.5, exclusions: 0 })).toThrow(
      /fluxBrut : doit être un nombre entier/,
    );
  });
});

describe('conversion du stock en flux (seed 000)', () => {
  it('premier scénario : 1 400 + 100 sur 10 000 → 15 %', () => {
    expect(conversionScenario1({ droitsDeSuite: 1400, droitsUniquesAnnuels: 100, patrimoine: 10_000 })).toEqual({
      taux: 0.15,
    });
  });
  it('deuxième scénario : 15 % × (20 % / 10 %) = 30 %', () => {
    expect(
      conversionScenario2({
        droitsDeSuite: 1400,
        droitsUniquesAnnuels: 100,
        patrimoine: 10_000,
        rotationContingent: 0.2,
        rotationMoyenne: 0.1,
      }),
    ).toEqual({ taux: 0.3 });
  });
  it('troisième scénario : 300 × 10 % × 20 ans = 600, 30 par an, 3 % de 1 000', () => {
    expect(
      conversionScenario3({ droitsDeSuite: 300, rotation: 0.1, dureeRestanteAnnees: 20, fluxAnnuelProposable: 1000 }),
    ).toEqual({ droitsUniques: 600, parAn: 30, taux: 0.03 });
  });
  it('quatrième scénario : droits de 150 propositions, besoin de 100 sur 1 000 → 10 %', () => {
    expect(conversionScenario4({ droitsEnPropositions: 150, besoinPropositions: 100, fluxAnnuel: 1000 })).toEqual({
      taux: 0.1,
    });
    expect(conversionScenario4({ droitsEnPropositions: 80, besoinPropositions: 100, fluxAnnuel: 1000 })).toEqual({
      taux: 0.08,
    });
  });
  it('variante au prorata des jours restants : une réservation à mi-parcours compte pour moitié', () => {
    expect(
      conversionProrata({
        reservations: [
          { logements: 1000, joursRestants: 3650 },
          { logements: 800, joursRestants: 912.5 },
        ],
        droitsUniquesAnnuels: 100,
        patrimoine: 10_000,
        dureeConventionJours: 1825,
      }),
    ).toEqual({ droitsPonderes: 1500, taux: 0.15 });
  });
  it('refuse une rotation moyenne nulle', () => {
    expect(() =>
      conversionScenario2({
        droitsDeSuite: 1,
        droitsUniquesAnnuels: 0,
        patrimoine: 10,
        rotationContingent: 0.2,
        rotationMoyenne: 0,
      }),
    ).toThrow(/rotationMoyenne : doit être strictement positif/);
  });
});

const convention = (over: Partial<Convention>): Convention =>
  conventionDeTest({
    id: 'c',
    bailleurId: 'b',
    reservataireId: 'r',
    departement: '93',
    reference: 'C',
    delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: false },
    dateDebut: '2020-01-01',
    ...over,
  });

describe('objectifs annuels', () => {
  it('taux × flux, plus le déficit reporté selon l’action corrective', () => {
    expect(objectifAnnuel(convention({}), 650)).toBe(195);
    expect(objectifAnnuel(convention({ cible: { type: 'TAUX', taux: 0.15 } }), 650)).toBe(97.5);
    expect(objectifAnnuel(convention({ deficitReporte: 6 }), 650)).toBe(201);
    expect(
      objectifAnnuel(convention({ deficitReporte: 6, actionCorrective: 'ETALEMENT', etalementAnnees: 3 }), 650),
    ).toBe(197);
    expect(objectifAnnuel(convention({ deficitReporte: 6, actionCorrective: 'REMBOURSEMENT' }), 650)).toBe(195);
    expect(objectifAnnuel(convention({ deficitReporte: -5 }), 650)).toBe(190);
  });
  it('droits uniques étalés sur leurs années', () => {
    expect(objectifAnnuel(convention({ cible: { type: 'DROITS_UNIQUES', nombre: 600, annees: 20 } }), 650)).toBe(30);
  });
  it("l'objectif fixé sur l'exercice l'emporte", () => {
    expect(
      objectifsAnnuels({ fluxARepartir: 650, objectifs: [{ conventionId: 'c', objectif: 7 }] }, [convention({})]),
    ).toEqual([{ conventionId: 'c', objectif: 7 }]);
  });
});

describe('progression attendue saisonnière', () => {
  const exercice = { annee: 2026, saisonnalite: [0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.2, 0.1, 0.05, 0.05, 0.05] };
  it('suit la saisonnalité mois par mois, pas une droite', () => {
    expect(fractionAttendue(exercice, '2026-06-30')).toBeCloseTo(0.35, 10);
    expect(fractionAttendue(exercice, '2026-07-31')).toBeCloseTo(0.55, 10);
    // mi-juillet : 0,35 + 0,2 × 15/31
    expect(fractionAttendue(exercice, '2026-07-15')).toBeCloseTo(0.35 + (0.2 * 15) / 31, 10);
    expect(progressionAttendue(100, exercice, '2026-08-31')).toBeCloseTo(75, 10);
  });
  it('0 avant l’exercice, 1 après', () => {
    expect(fractionAttendue(exercice, '2025-12-31')).toBe(0);
    expect(fractionAttendue(exercice, '2027-01-01')).toBe(1);
    expect(fractionAttendue(exercice, '2026-12-31')).toBeCloseTo(1, 10);
  });
  it('refuse une date mal formée', () => {
    expect(() => fractionAttendue(exercice, '2026-02-30')).toThrow(/date inexistante/);
    expect(() => fractionAttendue(exercice, '30/06/2026')).toThrow(/AAAA-MM-JJ/);
  });
});

describe('offre prévue', () => {
  const l = (id: string, commune: string, qpv: boolean, over: object = {}) =>
    ({
      id,
      rplsId: id,
      bailleurId: 'b',
      commune,
      epci: 'E',
      departement: '75',
      qpv,
      typologie: 'T3',
      financement: 'PLUS',
      ...over,
    }) as never;
  it('chaque logement du flux se libère au taux de rotation, par commune × QPV × typologie', () => {
    const offre = prevoirOffre(
      [
        l('1', 'A', false),
        l('2', 'A', false),
        l('3', 'A', true),
        l('4', 'B', false, { stockDefense: true }),
        l('5', 'B', false, { horsAssiette: 'VENTE' }),
      ],
      0.1,
    );
    expect(offre).toEqual([
      { commune: 'A', epci: 'E', qpv: false, typologie: 'T3', nombre: 0.2 },
      { commune: 'A', epci: 'E', qpv: true, typologie: 'T3', nombre: 0.1 },
    ]);
  });
});
