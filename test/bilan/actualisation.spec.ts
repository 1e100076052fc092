/** The actualisation's pure parts: prudent turnover, exact seasonality, the proposal on the fixture year. */
import {
  calculerBilan,
  clotureEnLogements,
  proposerActualisation,
  rotationPrudente,
} from '@aiguillage/core/bilan/compute';
import { saisonnaliteExacte } from '@aiguillage/core/bilan/actualisation.service';
import { CONVENTIONS, fixtureInput } from './fixture/annee-fixture';

describe('actualisation N+1', () => {
  it('rotation prudente : la plus basse de la moyenne sur trois ans et de la dernière année', () => {
    expect(rotationPrudente([{ taux: 0.1 }, { taux: 0.09 }, { taux: 0.08 }]).taux).toBe(0.08);
    expect(rotationPrudente([{ taux: 0.08 }, { taux: 0.09 }, { taux: 0.1 }]).taux).toBe(0.09);
    expect(rotationPrudente([{ taux: null }, { taux: null }, { taux: null }])).toMatchObject({
      taux: 0,
      explication: expect.stringMatching(/à saisir/),
    });
  });

  it('saisonnalité à 6 décimales dont la somme vaut exactement 1', () => {
    const s = saisonnaliteExacte(Array(12).fill(0.083333));
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.slice(0, 11).every((x) => x === 0.083333)).toBe(true);
  });

  it('propose l’assiette, le flux et les objectifs avec leur explication ; une convention échue est listée comme droits expirés', () => {
    const bilan = calculerBilan(fixtureInput());
    const conventions = CONVENTIONS.map((c) => (c.reference === 'C4-HOPITAL' ? { ...c, dateFin: '2025-12-31' } : c));
    const p = proposerActualisation({
      bilan,
      conventions,
      patrimoine: { logements: 250, stockDefense: 10, plansVente: 20, demolitions: 0 },
      rotation: { logementsFlux: 220, liberations: { 2023: 24, 2024: 22, 2025: 17 } },
    });
    // rates 10,9 %, 10 %, 7,73 % → average 9,54 %, last 7,73 % → 7,7273 % ; 220 × that = 17 ; − 3 exclusions = 14
    expect(p.assiette.tauxRotation.valeur).toBe(0.077273);
    expect([p.patrimoineFlux, p.fluxBrut, p.fluxARepartir.valeur]).toEqual([220, 17, 14]);
    expect(p.objectifs.map((o) => o.reference)).toEqual(['C1-PREFET', 'C2-ALS', 'C3-VILLE']);
    expect(p.droitsExpires).toEqual([
      expect.objectContaining({ reference: 'C4-HOPITAL', dateFin: '2025-12-31', deficitNonSolde: 0 }),
    ]);
    expect(p.fluxARepartir.explication).toContain('(250 − 10 Défense − 20 vente − 0 démolition)');
    expect(p.nouveauxProgrammes.valeur).toBe(1);
  });

  it('un pool de droits uniques : l’objectif suivant est le reste du pool après la clôture du moteur (6 sur 3 ans, 1 bail → 5 sur 2 ans)', () => {
    const bilan = calculerBilan(fixtureInput());
    const c3 = bilan.conventions.find((c) => c.reference === 'C3-VILLE')!;
    expect(c3.objectif.decompte).toBe(1);
    const p = proposerActualisation({
      bilan,
      conventions: CONVENTIONS,
      patrimoine: { logements: 250, stockDefense: 10, plansVente: 20, demolitions: 0 },
      rotation: { logementsFlux: 220, liberations: { 2023: 24, 2024: 22, 2025: 17 } },
    });
    const o = p.objectifs.find((x) => x.reference === 'C3-VILLE')!;
    expect(o.suite).toEqual({
      deficitReporte: 0,
      deficitAnnee: 2026,
      cible: { type: 'DROITS_UNIQUES', nombre: 5, annees: 2 },
    });
    expect(o.objectif.valeur).toBe(3); // 5 / 2 = 2.5 → 3, not the former 6 / 3 = 2
    expect(o.epuisee).toBe(false);
    // The same closing as the year closing's, in whole flats; an exhausted pool ends the convention.
    const pool = CONVENTIONS.find((c) => c.reference === 'C3-VILLE')!;
    expect(clotureEnLogements(pool, 2025, 2, 5.6).epuisee).toBe(true);
    expect(clotureEnLogements(pool, 2025, 2, 5.6).suite.cible).toEqual({
      type: 'DROITS_UNIQUES',
      nombre: 0,
      annees: 2,
    });
  });
});
