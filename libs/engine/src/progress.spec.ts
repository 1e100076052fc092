import { A, B, convention, etat, exercice, logement, reservataire } from '../scenarios/fixtures';
import {
  applyAttribution,
  applyBail,
  applyCandidatsRecus,
  applyExpirationDelai,
  applyOrientation,
  applyRefus,
  createState,
  realise,
} from './progress';
import { rejouer } from './transition';

const reservataires = [reservataire('etat', 'ETAT'), reservataire('als', 'ALS')];
const directe = convention('d', 'als', 0.2, {
  delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: false },
});
const directeCompte = convention('dc', 'als', 0.1, {
  delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: true },
});
const deleguee = convention('p', 'etat', 0.3, {
  sousQuotas: [{ code: 'FONCT', libelle: 'fonctionnaires', taux: 0.05 }],
});
const base = () =>
  etat({ conventions: [directe, directeCompte, deleguee], reservataires }, {}, { bailleurPropositions: 0 });

describe('createState', () => {
  it("fixe les objectifs depuis l'exercice et remet tous les compteurs à zéro", () => {
    const s = createState({
      exercice: exercice({
        objectifs: [{ conventionId: 'p', objectif: 33 }],
        assiette: { ...exercice().assiette, mutations: 7, relogements: { npnru: 2, orcod: 0, lhi: 1 } },
      }),
      conventions: [directe, deleguee],
      reservataires,
    });
    expect(s.progress.p.objectif).toBe(33);
    expect(s.progress.d.objectif).toBe(20);
    expect(s.progress.d).toMatchObject({
      propositions: 0,
      attributions: 0,
      baux: 0,
      enAttente: 0,
      retours: 0,
      qpv: 0,
      horsQpv: 0,
    });
    expect(s.exclusionsRestantes).toEqual({ MUTATION: 7, NPNRU: 2, ORCOD: 0, LHI: 1 });
    expect(s.bailleurPropositions).toBe(0);
  });

  it('refuse une entrée incohérente, en nommant le champ', () => {
    expect(() => createState({ exercice: exercice({ saisonnalite: [1, 2] }), conventions: [], reservataires })).toThrow(
      /exercice.saisonnalite : doit contenir 12 fractions/,
    );
    expect(() => createState({ exercice: exercice(), conventions: [directe, directe], reservataires })).toThrow(
      /conventions\[1\].id : identifiant en double/,
    );
    expect(() =>
      createState({
        exercice: exercice(),
        conventions: [
          convention('m', 'als', 0.1, {
            decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.2, bail: 0.2 } },
          }),
        ],
        reservataires,
      }),
    ).toThrow(/decompte.poids : la somme des poids doit valoir 1/);
  });
});

describe('transitions', () => {
  const flat = logement('l1', A, { qpv: true, typologie: 'T4', financement: 'PLAI' });

  it("une orientation compte la proposition, sa répartition et le flux, sans modifier l'état d'entrée", () => {
    const s0 = base();
    const snapshot = JSON.stringify(s0);
    const s1 = applyOrientation(s0, flat, { kind: 'CONVENTION', conventionId: 'd' });
    expect(JSON.stringify(s0)).toBe(snapshot);
    expect(s1.progress.d).toMatchObject({
      propositions: 1,
      enAttente: 1,
      qpv: 1,
      horsQpv: 0,
      parCommune: { [A]: 1 },
      parTypologie: { T4: 1 },
      parFinancement: { PLAI: 1 },
    });
    expect(s1.fluxOriente).toMatchObject({ total: 1, qpv: 1, horsQpv: 0, parCommune: { [A]: 1 } });
    expect(s1.conventions).toBe(s0.conventions);
  });

  it('une convention déléguée ne met pas le logement en attente de candidats ; un sous-quota est compté', () => {
    const s = applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'p', sousQuota: 'FONCT' });
    expect(s.progress.p).toMatchObject({ propositions: 1, enAttente: 0, parSousQuota: { FONCT: 1 } });
    expect(() => applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'p', sousQuota: 'XX' })).toThrow(
      /destination.sousQuota : sous-quota inconnu/,
    );
    expect(() => applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'zz' })).toThrow(
      /destination.conventionId : convention inconnue/,
    );
  });

  it('usage exclu et part du bailleur', () => {
    const s0 = etat(
      { conventions: [directe], reservataires, exclusionsPrevues: { MUTATION: 2 } },
      {},
      { bailleurPropositions: 0 },
    );
    const s1 = applyOrientation(s0, flat, { kind: 'EXCLU', usage: 'MUTATION' });
    expect(s1.exclusionsRestantes.MUTATION).toBe(1);
    expect(s1.fluxOriente?.total).toBe(0);
    const s2 = applyOrientation(s1, flat, { kind: 'BAILLEUR' });
    expect(s2.bailleurPropositions).toBe(1);
    expect(s2.fluxOriente?.total).toBe(1);
  });

  it('délai DIRECTE expiré sans candidat : retour au bailleur, décompté si la convention le refuse', () => {
    const s1 = applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'd' });
    const s2 = applyExpirationDelai(s1, flat, 'd');
    expect(s2.progress.d).toMatchObject({ propositions: 0, enAttente: 0, retours: 1, qpv: 0, parCommune: {} });
    expect(s2.bailleurPropositions).toBe(1);

    const t1 = applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'dc' });
    const t2 = applyExpirationDelai(t1, flat, 'dc');
    expect(t2.progress.dc).toMatchObject({ propositions: 1, enAttente: 0, retours: 1, qpv: 1 });
    expect(t2.bailleurPropositions).toBe(0);
  });

  it('candidats reçus, attribution avec quartile et priorité, bail, refus après attribution', () => {
    const horsQpv = logement('l2', B);
    let s = applyOrientation(base(), horsQpv, { kind: 'CONVENTION', conventionId: 'd' });
    s = applyCandidatsRecus(s, 'd');
    expect(s.progress.d.enAttente).toBe(0);
    s = applyAttribution(s, horsQpv, 'd', { quartile: 1, prioritaire: true });
    expect(s.progress.d).toMatchObject({
      attributions: 1,
      attributionsHorsQpv: 1,
      attributionsHorsQpvQ1: 1,
      attributionsPrioritaires: 1,
      attributionsQpv: 0,
    });
    const refused = applyRefus(s, 'd', { logement: horsQpv, candidat: { quartile: 1, prioritaire: true } });
    expect(refused.progress.d).toMatchObject({
      attributions: 0,
      attributionsHorsQpvQ1: 0,
      attributionsPrioritaires: 0,
      refus: 1,
    });
    s = applyAttribution(s, flat, 'd', { quartile: 3, prioritaire: false });
    expect(s.progress.d).toMatchObject({ attributionsQpv: 1, attributionsQpvQ234: 1 });
    s = applyBail(s, 'd');
    expect(s.progress.d.baux).toBe(1);
    expect(() => applyAttribution(s, flat, 'd', { quartile: 5 as 1, prioritaire: false })).toThrow(
      /candidat.quartile : doit valoir 1, 2, 3 ou 4/,
    );
  });
});

describe('realise selon le mode de décompte', () => {
  const p = { ...base().progress.d, propositions: 10, attributions: 6, baux: 4 };
  it.each([
    ['PROPOSITION', undefined, 10],
    ['ATTRIBUTION', undefined, 6],
    ['BAIL', undefined, 4],
    ['MIXTE', { proposition: 0.5, attribution: 0.3, bail: 0.2 }, 7.6],
  ] as const)('%s', (mode, poids, attendu) => {
    expect(realise(p, { decompte: { mode, ...(poids ? { poids } : {}) } })).toBeCloseTo(attendu, 10);
  });
});

describe('rejouer', () => {
  it("reconstruit l'état à partir des événements enregistrés, comme les transitions une à une", () => {
    const flat = logement('l1', A);
    const pasAPas = applyBail(
      applyAttribution(
        applyCandidatsRecus(applyOrientation(base(), flat, { kind: 'CONVENTION', conventionId: 'd' }), 'd'),
        flat,
        'd',
        { quartile: 2, prioritaire: false },
      ),
      'd',
    );
    const rejoue = rejouer(base(), [
      {
        kind: 'orientation',
        logement: flat,
        destination: { kind: 'CONVENTION', conventionId: 'd' },
        attenteCandidats: true,
      },
      { kind: 'candidatsRecus', conventionId: 'd' },
      { kind: 'attribution', logement: flat, conventionId: 'd', candidat: { quartile: 2, prioritaire: false } },
      { kind: 'bail', conventionId: 'd' },
    ]);
    expect(rejoue).toEqual(pasAPas);
    expect(rejoue.progress.d).toMatchObject({ propositions: 1, attributions: 1, baux: 1, enAttente: 0 });
    expect(() => rejouer(base(), [{ kind: 'XX' } as never])).toThrow(/transition.kind : transition inconnue « XX »/);
  });
});
