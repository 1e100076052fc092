/** Hard rules: territory, validity dates, DEFENSE stock, flats out of the assiette. */
import { DEFAULT_POLICY, recommend, type Recommendation } from '@aiguillage/engine';
import { A, B, C, choisi, convention, DATE, etat, logement, option, recommande, reservataire } from './fixtures';

const reservataires = [
  reservataire('als', 'ALS'),
  reservataire('com', 'COMMUNE', [A]),
  reservataire('epci', 'EPCI'),
  reservataire('def', 'DEFENSE'),
];

/** The option is ineligible, for that one reason. */
function exclue(rec: Recommendation, destination: string, raison: string): void {
  expect(option(rec, destination)).toMatchObject({ eligible: false, raisons: [raison] });
}

describe('territoire', () => {
  const state = etat({ conventions: [convention('com', 'com', 0.1)], reservataires }, { com: { propositions: 0 } });

  it('une commune ne reçoit que les logements de sa commune, même très en retard', () => {
    const rec = recommande(state, logement('l', B));
    const com = option(rec, 'CONVENTION:com');
    expect(com.eligible).toBe(false);
    expect(com.violates).toEqual([
      { code: 'TERRITOIRE', hard: true, libelle: 'Droits limités à sa commune : logement hors de la commune' },
    ]);
    expect(com.raisons).toEqual(['Droits limités à sa commune : logement hors de la commune']);
    expect(rec.options[rec.options.length - 1]).toBe(com);
    expect(choisi(rec)).toBe('BAILLEUR');
  });

  it('dans sa commune, seul réservataire possible : il est recommandé et le chargé le lit en premier', () => {
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:com');
    expect(rec.options[0].raisons[0]).toBe('Seul réservataire possible sur la commune');
    expect(rec.options[0].raisons).toContain(
      "Réservataire com — convention CONV-com : retard de 5 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
  });

  it("la territorialisation de la convention l'emporte sur le territoire du réservataire", () => {
    const territorialisee = convention('epci', 'epci', 0.1, { territoire: { departement: '75', epcis: ['E2'] } });
    const s = etat({ conventions: [territorialisee], reservataires });
    expect(option(recommande(s, logement('l', C)), 'CONVENTION:epci').eligible).toBe(true);
    expect(option(recommande(s), 'CONVENTION:epci').violates[0].code).toBe('TERRITOIRE');
  });
});

describe('validité', () => {
  it("une convention échue ou pas encore en vigueur n'est jamais choisie, même en retard", () => {
    const state = etat({
      conventions: [
        convention('old', 'als', 0.4, { dateFin: '2026-03-31' }),
        convention('new', 'als', 0.4, { dateDebut: '2026-09-01' }),
        convention('ok', 'als', 0.1),
      ],
      reservataires,
    });
    const rec = recommande(state);
    exclue(rec, 'CONVENTION:old', 'Convention échue le 31/03/2026');
    exclue(rec, 'CONVENTION:new', 'Convention en vigueur à partir du 01/09/2026');
    expect(choisi(rec)).toBe('CONVENTION:ok');
  });
});

describe('fenêtre de validité et rythme', () => {
  /** A convention for 8 % ending on 30 June with `fin` flats, beside one for 10 % of the year with 4. */
  const finJuin = (fin: number) =>
    etat(
      {
        conventions: [convention('fin', 'als', 0.08, { dateFin: '2026-06-30' }), convention('an', 'als', 0.1)],
        reservataires,
      },
      { fin: { propositions: fin }, an: { propositions: 4 } },
    );

  it("une convention qui s'achève le 30 juin n'est due que sa part de l'année, reçue toute à cette date", () => {
    const state = finJuin(1);
    expect(state.progress.fin.objectif).toBeCloseTo((8 * 181) / 365, 4); // valid 181 days of 365
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, '2026-05-31');
    expect(choisi(rec)).toBe('CONVENTION:fin');
    // 3,97 × (5/12) / (6/12) = 3,3 expected by the end of May, 1 received.
    expect(rec.options[0].raisons[0]).toBe(
      "Réservataire als — convention CONV-fin : retard de 2,3 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
  });

  it("une convention qui s'achève le 30 juin et a reçu sa part de l'année n'est plus en retard (plus d'objectif d'année pleine)", () => {
    const state = finJuin(5);
    expect(choisi(recommend(logement('l', A), state, DEFAULT_POLICY, '2026-05-31'))).toBe('CONVENTION:an');
  });
});

describe('stock Défense', () => {
  const state = etat(
    { conventions: [convention('def', 'def', 0.02), convention('als', 'als', 0.3)], reservataires },
    { def: { propositions: 9 } },
  );

  it('un logement du stock Défense va à la Défense, même au-delà de son objectif ; ni ALS ni bailleur', () => {
    const rec = recommande(state, logement('l', A, { stockDefense: true }));
    expect(choisi(rec)).toBe('CONVENTION:def');
    exclue(rec, 'CONVENTION:als', 'Logement du stock Défense : réservé à la Défense');
    exclue(rec, 'BAILLEUR', 'Logement du stock Défense : à orienter vers la Défense');
  });

  it('la Défense ne reçoit pas un logement ordinaire', () => {
    const rec = recommande(state);
    exclue(rec, 'CONVENTION:def', 'La Défense ne reçoit que les logements de son stock identifié');
    expect(choisi(rec)).toBe('CONVENTION:als');
  });
});

describe('hors assiette', () => {
  it('un logement en plan de vente reste au bailleur', () => {
    const state = etat({
      conventions: [convention('als', 'als', 0.3)],
      reservataires,
      exclusionsPrevues: { MUTATION: 5 },
    });
    const rec = recommande(state, logement('l', A, { horsAssiette: 'VENTE' }));
    expect(choisi(rec)).toBe('BAILLEUR');
    expect(rec.options[0].raisons[0]).toBe('Logement en plan de vente : hors flux, reste au bailleur');
    expect(option(rec, 'CONVENTION:als').violates[0].code).toBe('HORS_ASSIETTE');
    expect(option(rec, 'EXCLU:MUTATION').eligible).toBe(false);
  });
});

it('refuse une date mal formée, en nommant le champ', () => {
  const state = etat({ conventions: [], reservataires });
  expect(() => recommend(logement('l', A), state, DEFAULT_POLICY, '30/06/2026')).toThrow(
    /^date : doit être une date AAAA-MM-JJ/,
  );
  expect(() => recommend(logement('l', ''), state, DEFAULT_POLICY, DATE)).toThrow(/^logement.commune : obligatoire/);
});
