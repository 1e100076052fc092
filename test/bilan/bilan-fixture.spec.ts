/**
 * The hand-computed year (test/bilan/fixture/annee-fixture.ts), checked figure by figure against the
 * pure computation. Every expected number below is worked out by hand from the 20 lines.
 *
 * Real flux (in the flux, not a first letting, not excluded): L1–L11, L15, L19, L20 = 14 flats.
 *   Saint-Écluse (A): L1q L2 L5 L8 L9q L15 = 6 (2 in QPV) · Bèze (B): L3 L6q L10 L11q = 4 (2 in QPV)
 *   Château-Noël (C): L4 L7 L19 L20 = 4 (0 in QPV) → 4 in QPV, 10 hors QPV.
 */
import {
  calculerBilan,
  issueActionCorrective,
  lignesDeLaFigure,
  INDICATEURS,
  DIMENSIONS,
  type Bilan,
  type BilanConvention,
} from '@aiguillage/core/bilan/compute';
import { CONVENTIONS, fixtureInput, IDS } from './fixture/annee-fixture';

describe('bilan annuel : année de référence calculée à la main', () => {
  const input = fixtureInput();
  const bilan: Bilan = calculerBilan(input);
  const conv = (id: string): BilanConvention => bilan.conventions.find((c) => c.conventionId === id)!;
  /** proposés, attribués, baux, retours, refus, dérogations, jours de vacance, logements loués */
  const compteurs = ({ compteurs: k }: BilanConvention) => [
    k.proposes,
    k.attribues,
    k.baux,
    k.retours,
    k.refus,
    k.derogations,
    k.joursVacance,
    k.logementsLoues,
  ];
  /** prévision, réel, flux réel du territoire, report entrant, décompte, écart */
  const objectif = ({ objectif: o }: BilanConvention) => [
    o.prevision,
    o.reel,
    o.fluxReelTerritoire,
    o.reportEntrant,
    o.decompte,
    o.ecart,
  ];
  /** action corrective, déficit reporté, dû l'année suivante, à rembourser */
  const issue = ({ objectif: { issue: i } }: BilanConvention) => [
    i.action,
    i.deficitReporte,
    i.dueAnneeSuivante,
    i.aRembourser,
  ];

  it('le flux : libérés, premières locations, hors assiette, exclusions, flux réel à répartir', () => {
    expect(bilan.flux).toEqual({
      liberes: 20,
      premieresLocations: 1, // L16
      horsAssiette: { defense: 1, vente: 1, demolition: 0 }, // L17, L18
      dansLeFlux: 17, // 20 − L16 − L17 − L18
      exclus: 3, // L12 mutation, L13 et L14 NPNRU
      fluxReelARepartir: 14, // 17 − 3
      fluxPrevu: 20,
      nonReserve: 3, // L15, L16, L18
      nonDecides: 1, // L17 (Défense)
    });
  });

  it('les usages exclus réalisés contre la prévision', () => {
    expect(bilan.exclusions.map((e) => [e.usage, e.prevu, e.realise, e.ecart])).toEqual([
      ['MUTATION', 2, 1, -1],
      ['NPNRU', 1, 2, 1],
      ['ORCOD', 0, 0, 0],
      ['LHI', 0, 0, 0],
    ]);
  });

  it('C1 préfet, décompte à la proposition, délai expiré non compté, report', () => {
    const c = conv(IDS.c1);
    expect(compteurs(c)).toEqual([5, 2, 2, 1, 1, 0, 70, 2]);
    expect(c.compteurs.retoursComptes).toBe(0);
    // objective: 30 % × 14 + 1 carried = 5.2 (forecast 30 % × 20 + 1 = 7); counted 5 − 1 returned = 4
    expect(objectif(c)).toEqual([7, 5.2, 14, 1, 4, 1.2]);
    expect(issue(c)).toEqual(['REPORT', 1.2, 1.2, 0]);
    expect(c.repartitions.typologie).toEqual({
      T2: { proposes: 2, attribues: 0 },
      T3: { proposes: 2, attribues: 1 },
      T4: { proposes: 1, attribues: 1 },
    });
    expect(c.legaux.map((l) => [l.code, l.numerateur, l.denominateur, l.atteint])).toEqual([
      ['PRIORITAIRES', 2, 2, true],
      ['Q1_HORS_QPV', 1, 1, true],
      ['Q234_QPV', 1, 1, true],
    ]);
    // 4 of 5 proposed hors QPV ≥ 30 %
    expect(c.engagements).toEqual([
      {
        code: 'HORS_QPV',
        libelle: 'Part des logements proposés hors QPV',
        min: 0.3,
        max: null,
        part: 0.8,
        respecte: true,
      },
    ]);
  });

  it('C2 Action Logement, décompte à l’attribution, étalement sur deux ans', () => {
    const c = conv(IDS.c2);
    expect(compteurs(c)).toEqual([4, 4, 3, 0, 2, 1, 170, 3]);
    // 40 % × 14 + 2/2 = 6.6 (forecast 40 % × 20 + 1 = 9); counted 4 attributions; gap 2.6, plus the
    // 2026 slice (1) of the spread begun in 2025, spread again over 2 years (the engine's closing)
    expect(c.objectif).toMatchObject({ prevision: 9, reel: 6.6, reportEntrant: 1, decompte: 4, ecart: 2.6 });
    expect(issue(c)).toEqual(['ETALEMENT', 3.6, 1.8, 0]);
    expect(c.objectif.issue.explication).toBe(
      "Déficit de 3,6 logement(s) (écart de l'année 2,6, plus 1 de l'étalement en cours) étalé sur 2 an(s) : 1,8 par an à partir de l'an prochain.",
    );
    expect(c.legaux.map((l) => [l.code, l.numerateur, l.denominateur, l.part, l.atteint])).toEqual([
      ['PRIORITAIRES', 2, 4, 0.5, true],
      ['Q1_HORS_QPV', 1, 3, 0.333333, true],
      ['Q234_QPV', 0, 1, 0, false],
    ]);
  });

  it('C3 commune, droits uniques, décompte au bail : le contingent porte son propre déficit', () => {
    const c = conv(IDS.c3);
    expect(c.compteurs).toMatchObject({ proposes: 2, attribues: 1, baux: 1 });
    // 6 rights over 3 years = 2 a year (a count stays a count); REMBOURSEMENT: none of the 3 carried in is due.
    // A droits-uniques pool carries its own gap (the engine's closing): 6 − 1 received = 5 rights over 2 years.
    expect(objectif(c)).toEqual([2, 2, 6, 0, 1, 1]);
    expect(issue(c)).toEqual(['REMBOURSEMENT', 0, 0, 0]);
    expect(c.objectif.issue.explication).toBe(
      'Droits uniques : 5 droit(s) restant(s) sur 2 an(s), sans déficit reporté ni remboursé.',
    );
    expect(c.legaux.map((l) => l.atteint)).toEqual([true, true, null]);
  });

  it('C4 employeur, territoire EPCI, décompte mixte, excédent', () => {
    const c = conv(IDS.c4);
    // territory = Plaine Fictive (A + B) = 10; 10 % × 10 = 1; counted 0.5 × 2 + 0.25 × 1 + 0.25 × 1 = 1.5
    expect(c.objectif).toMatchObject({ prevision: 2, reel: 1, fluxReelTerritoire: 10, decompte: 1.5, ecart: -0.5 });
    expect(c.objectif.issue).toMatchObject({ deficitReporte: -0.5, aRembourser: 0 });
    expect(c.legaux.map((l) => l.atteint)).toEqual([false, false, null]);
  });

  it('la part du préfet hors QPV et par commune', () => {
    expect(bilan.prefet).toHaveLength(1);
    const p = bilan.prefet[0];
    expect(p.horsQpv).toEqual({ proposes: 4, flux: 10, part: 0.4, respecte: true });
    expect(p.communes.map((x) => [x.nom, x.proposes, x.flux, x.part, x.respecte])).toEqual([
      ['Saint-Écluse', 2, 6, 0.333333, true],
      ['Bèze-sur-Marne', 1, 4, 0.25, false],
      ['Château-Noël', 2, 4, 0.5, true],
    ]);
  });

  it('le consolidé bailleur × département : totaux, répartitions, objectifs légaux, vacance', () => {
    const k = bilan.consolide;
    expect(k.compteurs).toMatchObject({ proposes: 13, attribues: 8, baux: 7, joursVacance: 295, logementsLoues: 7 });
    expect(k.repartitions.typologie).toEqual({
      T1: { proposes: 1, attribues: 1 },
      T2: { proposes: 4, attribues: 1 },
      T3: { proposes: 5, attribues: 4 },
      T4: { proposes: 2, attribues: 2 },
      T5: { proposes: 1, attribues: 0 },
    });
    expect(k.repartitions.financement).toEqual({
      PLAI: { proposes: 3, attribues: 2 },
      PLS: { proposes: 1, attribues: 0 },
      PLUS: { proposes: 9, attribues: 6 },
    });
    expect(k.repartitions.qpv).toEqual({
      'Hors QPV': { proposes: 9, attribues: 6 },
      QPV: { proposes: 4, attribues: 2 },
    });
    expect(k.repartitions.commune).toEqual({
      '93001': { proposes: 5, attribues: 3 },
      '93002': { proposes: 4, attribues: 3 },
      '93003': { proposes: 4, attribues: 2 },
    });
    expect(k.repartitions.periode).toEqual({
      '1949-1974': { proposes: 6, attribues: 2 },
      '1975-1989': { proposes: 1, attribues: 1 },
      '1990-2004': { proposes: 3, attribues: 2 },
      '2005-2014': { proposes: 1, attribues: 1 },
      'Année inconnue': { proposes: 1, attribues: 1 },
      'Depuis 2015': { proposes: 1, attribues: 1 },
    });
    expect(k.legaux.map((l) => [l.numerateur, l.denominateur, l.atteint])).toEqual([
      [5, 8, true],
      [3, 6, true],
      [1, 2, true],
    ]);
  });

  it('le consolidé par EPCI pour la CIL', () => {
    expect(bilan.epcis.map((e) => [e.nom, e.compteurs.proposes, e.compteurs.attribues])).toEqual([
      ['Plaine Fictive', 9, 6],
      ['Est Imaginé', 4, 2],
    ]);
  });

  it('le registre des dérogations de l’année : motif, demandeur, approbateur', () => {
    expect(bilan.derogations.map((d) => [d.rplsId, d.destination, d.motif, d.demandeur, d.approbateur])).toEqual([
      ['RPLS-93-0015', 'Contingent du bailleur (non réservé)', 'URGENCE', 'Chloé Chargée', 'Mélanie Manager'],
      ['RPLS-93-0007', 'C2-ALS (Action Logement Services)', 'MIXITE_SOCIALE', 'Chloé Chargée', 'Mélanie Manager'],
    ]);
  });

  it('chaque répartition somme aux totaux, pour chaque périmètre', () => {
    const perimetres = [...bilan.conventions, ...bilan.reservataires, bilan.consolide, ...bilan.epcis];
    for (const p of perimetres) {
      for (const d of DIMENSIONS) {
        const cells = Object.values(p.repartitions[d]);
        expect([d, cells.reduce((s, c) => s + c.proposes, 0), cells.reduce((s, c) => s + c.attribues, 0)]).toEqual([
          d,
          p.compteurs.proposes,
          p.compteurs.attribues,
        ]);
      }
    }
    const sum = (k: 'proposes' | 'attribues') => bilan.reservataires.reduce((s, r) => s + r.compteurs[k], 0);
    expect([sum('proposes'), sum('attribues')]).toEqual([
      bilan.consolide.compteurs.proposes,
      bilan.consolide.compteurs.attribues,
    ]);
  });

  it('chaque chiffre s’ouvre sur les logements qu’il compte', () => {
    const rpls = (ref: Parameters<typeof lignesDeLaFigure>[1]) =>
      lignesDeLaFigure(input, ref).map((l) => l.logement.rplsId.slice(-2));
    expect(rpls({ perimetre: 'convention', id: IDS.c1, indicateur: 'retours' })).toEqual(['02']);
    expect(rpls({ perimetre: 'bailleur', indicateur: 'exclus' })).toEqual(['12', '13', '14']);
    expect(rpls({ perimetre: 'bailleur', indicateur: 'proposes', dimension: 'periode', valeur: '1990-2004' })).toEqual([
      '02',
      '08',
      '10',
    ]);
    expect(rpls({ perimetre: 'reservataire', id: IDS.als, indicateur: 'attribuesPrioritaires' })).toEqual(['07', '20']);
    expect(rpls({ perimetre: 'epci', id: '200000002', indicateur: 'attribues' })).toEqual(['07', '20']);
    // every counter of every convention equals the length of its drill-down
    for (const c of bilan.conventions) {
      for (const [indicateur, attendu] of [
        ['proposes', c.compteurs.proposes],
        ['attribues', c.compteurs.attribues],
        ['baux', c.compteurs.baux],
        ['retours', c.compteurs.retours],
        ['derogations', c.compteurs.derogations],
      ] as const) {
        expect([
          c.reference,
          indicateur,
          lignesDeLaFigure(input, { perimetre: 'convention', id: c.conventionId, indicateur }).length,
        ]).toEqual([c.reference, indicateur, attendu]);
      }
      for (const [valeur, cell] of Object.entries(c.repartitions.commune)) {
        expect(
          lignesDeLaFigure(input, {
            perimetre: 'convention',
            id: c.conventionId,
            indicateur: 'attribues',
            dimension: 'commune',
            valeur,
          }),
        ).toHaveLength(cell.attribues);
      }
    }
    expect(INDICATEURS.length).toBeGreaterThan(10);
  });

  it('refuse une figure inconnue, en français', () => {
    expect(() => lignesDeLaFigure(input, { perimetre: 'convention', indicateur: 'proposes' })).toThrow(
      /id : obligatoire pour le périmètre convention/,
    );
    expect(() => lignesDeLaFigure(input, { perimetre: 'bailleur', indicateur: 'nimporte' as never })).toThrow(
      /indicateur : inconnu/,
    );
  });

  it('un retour après délai compté par sa convention reste décompté, jusque dans le consolidé', () => {
    const autre = fixtureInput();
    autre.conventions = autre.conventions.map((c) =>
      c.id === IDS.c1 ? { ...c, delegation: { ...c.delegation, retourCompte: true } } : c,
    );
    const b = calculerBilan(autre);
    const c1 = b.conventions.find((c) => c.conventionId === IDS.c1)!;
    // 5 proposed, the return of L2 now counted: 5 ; objective 5.2 → gap 0.2
    expect([c1.compteurs.retoursComptes, c1.objectif.decompte, c1.objectif.ecart]).toEqual([1, 5, 0.2]);
    expect([b.consolide.compteurs.retours, b.consolide.compteurs.retoursComptes]).toEqual([1, 1]);
    expect(b.reservataires.find((r) => r.id === IDS.etat)!.compteurs.retoursComptes).toBe(1);
  });

  it('l’action corrective sur un écart donné', () => {
    const [c1, c2, c3] = CONVENTIONS;
    const taux = { ...c3, cible: { type: 'TAUX', taux: 0.2 } } as const;
    // issueActionCorrective(convention, year, objective, counted)
    expect(issueActionCorrective(c1, 2025, 10, 7).deficitReporte).toBe(3);
    expect(issueActionCorrective({ ...c2, etalementAnnees: 3, deficitReporte: 0 }, 2025, 10, 4)).toMatchObject({
      deficitReporte: 6,
      dueAnneeSuivante: 2,
    });
    expect(issueActionCorrective(taux, 2025, 10, 6)).toMatchObject({
      deficitReporte: 0,
      dueAnneeSuivante: 0,
      aRembourser: 4,
    });
    expect(issueActionCorrective(taux, 2025, 10, 12)).toMatchObject({
      deficitReporte: -2,
      aRembourser: 0,
      explication: expect.stringMatching(/dépassé de 2 /),
    });
    expect(issueActionCorrective(c1, 2025, 5, 5).explication).toMatch(/atteint exactement/);
    // a year met in full leaves a spread on its schedule: 1 of the 2 still due in 2026
    expect(issueActionCorrective(c2, 2025, 4, 4)).toMatchObject({
      deficitReporte: 2,
      dueAnneeSuivante: 1,
      explication: expect.stringMatching(/étalement en cours continue/),
    });
  });

  it('même entrée, même bilan (déterminisme)', () => {
    expect(JSON.stringify(calculerBilan(fixtureInput()))).toBe(JSON.stringify(bilan));
  });
});
