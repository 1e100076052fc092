/** Scarcity lookahead: a convention only rare flats can serve gets them before they are spent. */
import { resolvePolicy } from '@aiguillage/engine';

/** These fixtures orient flats without the counts that go with them: targets held on the forecast (the real year is tested in annee-reelle.spec.ts). */
const PREVISION = resolvePolicy({ anneeReelle: false });
import { A, B, C, choisi, convention, etat, logement, option, recommande, reservataire } from './fixtures';

const reservataires = [reservataire('als', 'ALS'), reservataire('com', 'COMMUNE', [A])];
const conventions = [convention('large', 'als', 0.5), convention('commune', 'com', 0.1)];
// The large convention is one flat behind, the commune's is on pace.
const progress = { large: { propositions: 24 }, commune: { propositions: 5 } };
// The year's forecast: 10 flats in the small commune A, 190 in B.
const offrePrevue = [
  { commune: A, qpv: false, typologie: 'T3' as const, nombre: 10 },
  { commune: B, qpv: false, typologie: 'T3' as const, nombre: 120 },
  { commune: B, qpv: true, typologie: 'T3' as const, nombre: 70 },
];

it("avec l'offre prévue, un logement de la petite commune va à sa convention : la grande a 100 autres logements à venir", () => {
  const rec = recommande(etat({ conventions, reservataires, offrePrevue }, progress));
  expect(choisi(rec)).toBe('CONVENTION:commune');
  expect(rec.options[0].raisons[0]).toBe(
    'Droits limités à son territoire : ≈ 5 logements encore attendus pour un besoin de 5 logements',
  );
  expect(option(rec, 'CONVENTION:large').eligible).toBe(true);
});

it("sans prévision d'offre, rien ne distingue les logements : le plus grand retard l'emporte", () => {
  expect(choisi(recommande(etat({ conventions, reservataires }, progress)))).toBe('CONVENTION:large');
});

it("l'offre observée depuis le début de l'année sert de prévision quand il n'y en a pas", () => {
  // 40 flats oriented so far: 2 in A, 38 in B, extrapolated to the 100 flats of the year.
  const fluxOriente = {
    total: 40,
    qpv: 0,
    horsQpv: 40,
    parCommune: { [A]: 2, [B]: 38 },
    parCellule: { [`${A}|E1|H|T3`]: 2, [`${B}|E1|H|T3`]: 38 },
  };
  const rec = recommande(etat({ conventions, reservataires }, progress, { fluxOriente }), logement('l', A), PREVISION);
  expect(choisi(rec)).toBe('CONVENTION:commune');
});

it("une convention d'EPCI voit l'offre de ses communes même quand la prévision ne donne pas l'EPCI", () => {
  const epci = [reservataire('als', 'ALS'), reservataire('epci', 'EPCI')];
  const parEpci = [
    convention('large', 'als', 0.5),
    convention('interco', 'epci', 0.1, { territoire: { departement: '75', epcis: ['E2'] } }),
  ];
  const prevision = [
    { commune: C, qpv: false, typologie: 'T3' as const, nombre: 10 },
    { commune: B, qpv: false, typologie: 'T3' as const, nombre: 190 },
  ];
  // 30 flats oriented so far: the cells tell that commune C belongs to EPCI E2.
  const fluxOriente = {
    total: 30,
    qpv: 0,
    horsQpv: 30,
    parCommune: { [B]: 28, [C]: 2 },
    parCellule: { [`${B}|E1|H|T3`]: 28, [`${C}|E2|H|T3`]: 2 },
  };
  const avancement = { large: { propositions: 24 }, interco: { propositions: 5 } };
  const donnees = { conventions: parEpci, reservataires: epci, offrePrevue: prevision };
  const rec = recommande(etat(donnees, avancement, { fluxOriente }), logement('l', C), PREVISION);
  expect(choisi(rec)).toBe('CONVENTION:interco');
  const sansObservation = recommande(etat(donnees, avancement), logement('l', C));
  expect(choisi(sansObservation)).toBe('CONVENTION:large');
});
