/**
 * The objectives and caps of issue 9, rule by rule (each test fails on the former behaviour):
 * territory objectives on the territory's flux, validity prorated, carried deficits computed once,
 * the droits-uniques pool across years, the décret's caps.
 */
import type { Convention, Reservataire } from '../domain';
import { conventionDeTest } from '../testing/convention';
import { applyOrientation, createState } from '../progress';
import { cloturerConvention } from './deficits';
import { deficitDu, objectifsAnnuels, partFluxTerritoire, prorataValidite } from './objectifs';
import { verifierPlafonds, verifierTerritoires } from './plafonds';
import { exerciceDeTest } from '../testing/exercice';
import { logementDeTest } from '../testing/logement';

const reservataire = (
  id: string,
  kind: Reservataire['kind'],
  territoire: Reservataire['territoire'] = { departement: '75' },
): Reservataire => ({ id, code: id, nom: `Réservataire ${id}`, kind, territoire });
const offre = [
  { commune: '75101', epci: 'E1', qpv: false, typologie: 'T2' as const, nombre: 50 },
  { commune: '75102', epci: 'E1', qpv: true, typologie: 'T3' as const, nombre: 150 },
  { commune: '75103', epci: 'E2', qpv: false, typologie: 'T3' as const, nombre: 800 },
];

describe('objectif d’une convention territoriale : son taux du flux de son territoire (constat 1)', () => {
  const reservataires = [
    reservataire('etat', 'ETAT'),
    reservataire('com', 'COMMUNE', { departement: '75', communes: ['75101'] }),
    reservataire('epci', 'EPCI', { departement: '75', epcis: ['E1'] }),
  ];
  const conventions = [
    conventionDeTest({ id: 'etat', reservataireId: 'etat', cible: { type: 'TAUX', taux: 0.3 } }),
    conventionDeTest({ id: 'com', reservataireId: 'com', cible: { type: 'TAUX', taux: 0.25 } }),
    conventionDeTest({ id: 'epci', reservataireId: 'epci', cible: { type: 'TAUX', taux: 0.2 } }),
  ];

  it('une commune qui pèse 5 % du flux et réserve 25 % reçoit 25 % de ses 5 %, pas 25 % du département', () => {
    const objectifs = objectifsAnnuels({ annee: 2026, fluxARepartir: 3010, objectifs: [] }, conventions, {
      reservataires,
      offrePrevue: offre,
    });
    const par = Object.fromEntries(objectifs.map((o) => [o.conventionId, o.objectif]));
    expect(par.etat).toBe(903);
    expect(par.com).toBeCloseTo(0.25 * 3010 * 0.05, 6); // 37,6, not 752,5
    expect(par.epci).toBeCloseTo(0.2 * 3010 * 0.2, 6);
    expect(objectifs.reduce((a, o) => a + o.objectif, 0)).toBeLessThanOrEqual(3010);
  });

  it('le territoire propre de la convention prime sur celui du réservataire ; un territoire vide couvre le département', () => {
    expect(partFluxTerritoire({ departement: '75', communes: ['75103'] }, offre)).toBe(0.8);
    expect(partFluxTerritoire({ departement: '75', epcis: ['E1'] }, offre)).toBe(0.2);
    expect(partFluxTerritoire({ departement: '75' }, offre)).toBe(1);
    const infra = conventionDeTest({
      id: 'als',
      reservataireId: 'etat',
      territoire: { departement: '75', communes: ['75103'] },
    });
    expect(
      objectifsAnnuels({ annee: 2026, fluxARepartir: 1000, objectifs: [] }, [infra], {
        reservataires,
        offrePrevue: offre,
      })[0].objectif,
    ).toBe(240);
  });
});

describe('validité partielle : une convention valide une partie de l’année doit cette partie (constat 2)', () => {
  it('une convention qui s’achève le 31 mars doit 90 jours sur 365 de son objectif', () => {
    const c = conventionDeTest({ dateDebut: '2020-01-01', dateFin: '2026-03-31' });
    expect(prorataValidite(c, 2026)).toBeCloseTo(90 / 365, 6);
    expect(objectifsAnnuels({ annee: 2026, fluxARepartir: 1000, objectifs: [] }, [c])[0].objectif).toBeCloseTo(
      (300 * 90) / 365,
      3,
    );
    expect(prorataValidite(conventionDeTest({ dateDebut: '2027-01-01' }), 2026)).toBe(0);
    expect(prorataValidite(conventionDeTest({ dateDebut: '2024-07-01' }), 2026)).toBe(1);
  });
});

describe('déficit reporté : calculé une fois à partir du résultat de l’année (constat 3)', () => {
  const report = conventionDeTest({ deficitReporte: 8, deficitAnnee: 2027 });

  it('REPORT : le déficit est dû l’année suivante, une seule fois', () => {
    expect([2026, 2027, 2028, 2029, 2030].map((a) => deficitDu(report, a))).toEqual([0, 8, 0, 0, 0]);
  });

  it('ETALEMENT de 6 sur 3 ans : 2 par an pendant 3 ans, puis plus rien', () => {
    const c = conventionDeTest({
      deficitReporte: 6,
      actionCorrective: 'ETALEMENT',
      etalementAnnees: 3,
      deficitAnnee: 2027,
    });
    expect([2026, 2027, 2028, 2029, 2030].map((a) => deficitDu(c, a))).toEqual([0, 2, 2, 2, 0]);
  });

  it('la clôture de l’année N donne le déficit de N+1 selon l’action corrective', () => {
    const taux = conventionDeTest({ cible: { type: 'TAUX', taux: 0.3 } });
    expect(cloturerConvention(taux, 2026, 30, 22).suite).toMatchObject({ deficitReporte: 8, deficitAnnee: 2027 });
    // Met the next year: nothing comes back in 2028.
    const en2027 = { ...taux, ...cloturerConvention(taux, 2026, 30, 22).suite };
    expect(deficitDu(en2027, 2027)).toBe(8);
    expect(cloturerConvention(en2027, 2027, 38, 38).suite).toMatchObject({ deficitReporte: 0, deficitAnnee: 2028 });
    // A surplus lowers the next year once.
    expect(cloturerConvention(taux, 2026, 30, 33).suite).toMatchObject({ deficitReporte: -3, deficitAnnee: 2027 });
  });

  it('ETALEMENT : une année tenue laisse l’étalement suivre son calendrier ; un nouveau manque s’ajoute au reste', () => {
    const c = conventionDeTest({
      deficitReporte: 6,
      actionCorrective: 'ETALEMENT',
      etalementAnnees: 3,
      deficitAnnee: 2027,
    });
    expect(cloturerConvention(c, 2027, 32, 32).suite).toMatchObject({ deficitReporte: 6, deficitAnnee: 2027 });
    // 2 short in 2027, 4 still to come: 6 spread again from 2028.
    expect(cloturerConvention(c, 2027, 32, 30).suite).toMatchObject({ deficitReporte: 6, deficitAnnee: 2028 });
  });

  it('REMBOURSEMENT : pas de logements reportés, le montant dû est enregistré', () => {
    const c = conventionDeTest({ actionCorrective: 'REMBOURSEMENT' });
    const cloture = cloturerConvention(c, 2026, 30, 24);
    expect(cloture.aRembourser).toBe(6);
    expect(cloture.suite.deficitReporte).toBe(0);
    expect(deficitDu({ ...c, deficitReporte: 6, deficitAnnee: 2027 }, 2027)).toBe(0);
  });
});

describe('réserve de droits uniques suivie d’année en année (constat 12)', () => {
  it('la réserve diminue des logements reçus, augmente des droits des programmes neufs, sur les années restantes', () => {
    const c = conventionDeTest({ cible: { type: 'DROITS_UNIQUES', nombre: 600, annees: 20 } });
    expect(objectifsAnnuels({ annee: 2026, fluxARepartir: 1000, objectifs: [] }, [c])[0].objectif).toBe(30);
    const apres = cloturerConvention(c, 2026, 30, 40, 10).suite;
    expect(apres.cible).toEqual({ type: 'DROITS_UNIQUES', nombre: 570, annees: 19 });
    expect(
      objectifsAnnuels({ annee: 2027, fluxARepartir: 1000, objectifs: [] }, [{ ...c, ...apres }])[0].objectif,
    ).toBe(30);
    const court = cloturerConvention(c, 2026, 30, 0).suite;
    expect(court.cible).toEqual({ type: 'DROITS_UNIQUES', nombre: 600, annees: 19 });
    expect(court.deficitReporte).toBe(0); // the pool keeps what was not used: not carried twice
  });
});

describe('plafonds du décret (constat 5)', () => {
  const reservataires = [
    reservataire('etat', 'ETAT'),
    reservataire('com', 'COMMUNE', { departement: '75', communes: ['75101'] }),
    reservataire('als', 'ALS'),
  ];
  const etat = (taux: number, fonct: number) =>
    conventionDeTest({
      id: 'etat',
      reference: 'PREF-75',
      reservataireId: 'etat',
      cible: { type: 'TAUX', taux },
      sousQuotas: [{ code: 'FONCTIONNAIRES', libelle: 'Agents de l’État', taux: fonct }],
    });

  it('préfet à 45 % dont 12 % de fonctionnaires : deux dépassements, chiffrés, nommant la convention', () => {
    const d = verifierPlafonds([etat(0.45, 0.12)], [], { reservataires });
    expect(d.map((x) => x.regle)).toEqual(['PLAFOND_ETAT', 'PLAFOND_FONCTIONNAIRES']);
    expect(d[0].message).toMatch(/PREF-75.*au plus de 30 % du flux.*45 % demandés/);
    expect(d[1].message).toMatch(/au plus de 5 % du flux.*12 % demandés/);
    expect(verifierPlafonds([etat(0.3, 0.05)], [], { reservataires })).toEqual([]);
  });

  it('garantie d’emprunt d’une collectivité : au plus 20 % ; au-delà seulement avec une autre contrepartie', () => {
    const com = (contrepartie: Convention['contrepartie']) =>
      conventionDeTest({
        id: 'com',
        reference: 'COM-1',
        reservataireId: 'com',
        cible: { type: 'TAUX', taux: 0.25 },
        contrepartie,
      });
    expect(verifierPlafonds([com('GARANTIE_EMPRUNT')], [], { reservataires }).map((x) => x.regle)).toEqual([
      'PLAFOND_GARANTIE_EMPRUNT',
    ]);
    expect(verifierPlafonds([com('FONCIER')], [], { reservataires })).toEqual([]);
  });

  it('commune par commune, les engagements ne dépassent pas le flux', () => {
    const existantes = [
      etat(0.3, 0.05),
      conventionDeTest({ id: 'als', reference: 'ALS-75', reservataireId: 'als', cible: { type: 'TAUX', taux: 0.5 } }),
    ];
    const com = conventionDeTest({
      id: 'com',
      reference: 'COM-1',
      reservataireId: 'com',
      cible: { type: 'TAUX', taux: 0.25 },
      contrepartie: 'FONCIER',
    });
    const d = verifierPlafonds([com], existantes, { reservataires, nomDe: new Map([['75101', 'Paris 1er']]) });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ regle: 'ENGAGEMENTS_COMMUNE', lieu: '75101' });
    expect(d[0].message).toMatch(/commune Paris 1er.*105 %.*PREF-75 30 %.*ALS-75 50 %.*COM-1 25 %/);
    // An expired convention does not weigh on a new one's period.
    expect(
      verifierPlafonds(
        [{ ...com, dateDebut: '2027-01-01' }],
        [{ ...existantes[1], dateFin: '2026-12-31' }, existantes[0]],
        { reservataires },
      ),
    ).toEqual([]);
  });
});

describe('une convention par territoire (constat 6)', () => {
  const reservataires = [
    reservataire('com', 'COMMUNE', { departement: '75', communes: ['75101'] }),
    reservataire('als', 'ALS'),
  ];
  const com = (over: Partial<Convention>) =>
    conventionDeTest({
      id: 'com',
      reference: 'COM-1',
      reservataireId: 'com',
      territoire: { departement: '75', communes: ['75101'] },
      ...over,
    });

  it('une commune ne porte pas le territoire d’une autre, sauf motif enregistré', () => {
    const ailleurs = com({ territoire: { departement: '75', communes: ['75101', '75102'] } });
    const d = verifierTerritoires([ailleurs], [], { reservataires, nomDe: new Map([['75102', 'Paris 2e']]) });
    expect(d.map((x) => x.regle)).toEqual(['TERRITOIRE_COMMUNE']);
    expect(d[0].message).toMatch(/COM-1 .*pas sur Paris 2e/);
    expect(
      verifierTerritoires(
        [{ ...ailleurs, motifTerritoire: 'Droits acquis par garantie sur une opération à Paris 2e' }],
        [],
        { reservataires },
      ),
    ).toEqual([]);
    expect(verifierTerritoires([com({})], [], { reservataires })).toEqual([]);
  });

  it('deux conventions du même réservataire, bailleur et département : refusé sauf motif ; pas si les périodes ne se chevauchent pas', () => {
    const a = conventionDeTest({ id: 'a', reference: 'ALS-1', reservataireId: 'als' });
    const b = conventionDeTest({ id: 'b', reference: 'ALS-2', reservataireId: 'als' });
    expect(verifierTerritoires([b], [a], { reservataires }).map((x) => x.regle)).toEqual(['CONVENTION_EN_DOUBLE']);
    expect(
      verifierTerritoires([{ ...b, motifTerritoire: 'Territorialisation sur le nord du département' }], [a], {
        reservataires,
      }),
    ).toEqual([]);
    expect(
      verifierTerritoires([{ ...b, dateDebut: '2027-01-01' }], [{ ...a, dateFin: '2026-12-31' }], { reservataires }),
    ).toEqual([]);
  });
});

describe('compteMutations (constat 10)', () => {
  it('une mutation sur le territoire d’une convention qui l’a choisi compte pour elle ; pas pour les autres', () => {
    const reservataires = [
      reservataire('epci', 'EPCI', { departement: '75', epcis: ['E1'] }),
      reservataire('als', 'ALS'),
    ];
    const conventions = [
      conventionDeTest({ id: 'epci', reservataireId: 'epci', departement: '75', compteMutations: true }),
      conventionDeTest({ id: 'als', reservataireId: 'als', departement: '75' }),
    ];
    const exercice = exerciceDeTest({ assiette: { mutations: 5 } });
    const state = createState({ exercice, conventions, reservataires });
    const logement = (commune: string, epci: string) => logementDeTest(commune, commune, { rplsId: commune, epci });
    let s = applyOrientation(state, logement('75101', 'E1'), { kind: 'EXCLU', usage: 'MUTATION' });
    expect(s.progress.epci).toMatchObject({ propositions: 1, attributions: 1, baux: 1, mutations: 1 });
    expect(s.progress.als.propositions).toBe(0);
    expect(s.exclusionsRestantes.MUTATION).toBe(4);
    s = applyOrientation(s, logement('75103', 'E2'), { kind: 'EXCLU', usage: 'MUTATION' });
    expect(s.progress.epci.propositions).toBe(1); // outside its territory
    s = applyOrientation(s, logement('75101', 'E1'), { kind: 'EXCLU', usage: 'NPNRU' });
    expect(s.progress.epci.propositions).toBe(1); // only mutations
  });
});
