/** The préfet (ETAT): uniform rate per commune, floor hors QPV, the fonctionnaires sub-quota. */
import {
  ligneProgression,
  motifsApprobation,
  POLITIQUE_PAR_DEFAUT,
  raisonSecond,
  resolvePolicy,
  retardSousQuota,
} from '@aiguillage/engine';
import type { FluxOriente } from '@aiguillage/engine';
import { A, B, choisi, convention, DATE, etat, logement, option, recommande, reservataire } from './fixtures';

const reservataires = [reservataire('etat', 'ETAT'), reservataire('als', 'ALS')];
const flux = (over: Partial<FluxOriente>): FluxOriente => ({
  total: 40,
  qpv: 10,
  horsQpv: 30,
  parCommune: {},
  parCellule: {},
  ...over,
});

describe('taux uniforme du préfet par commune', () => {
  // 10 flats already oriented in A, only 1 to the préfet: 30 % of 11 is 3,3, the floor ⌊3,3⌋ = 3 is out of reach otherwise.
  const progress = {
    prefet: { propositions: 15, horsQpv: 9, parCommune: { [A]: 1, [B]: 14 } },
    als: { propositions: 5 },
  };
  const fluxOriente = flux({ horsQpv: 29, parCommune: { [A]: 10, [B]: 30 } });

  it("le logement doit aller au préfet quand son plancher dans la commune l'exige, même si ALS est très en retard", () => {
    const state = etat(
      { conventions: [convention('prefet', 'etat', 0.3), convention('als', 'als', 0.3)], reservataires },
      progress,
      { fluxOriente },
    );
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:prefet');
    expect(rec.options[0].raisons).toContain('Taux uniforme : le préfet est en retard de 2,3 logements sur la commune');
    const als = option(rec, 'CONVENTION:als');
    expect(als.eligible).toBe(false);
    expect(als.violates[0]).toEqual({
      code: 'PREFET_PLANCHER',
      hard: true,
      libelle: 'Le plancher du préfet (taux uniforme, hors QPV) exige ce logement',
    });
  });

  it('un usage exclu reste possible : le logement sort du flux, le plancher ne monte pas', () => {
    const state = etat(
      { conventions: [convention('prefet', 'etat', 0.3), convention('als', 'als', 0.3)], reservataires },
      progress,
      { fluxOriente, exclusionsRestantes: { MUTATION: 3 } },
    );
    const rec = recommande(state);
    expect(option(rec, 'CONVENTION:als').eligible).toBe(false);
    expect(option(rec, 'BAILLEUR').eligible).toBe(false);
    expect(option(rec, 'EXCLU:MUTATION').eligible).toBe(true);
  });

  it('sans taux uniforme par commune (la convention le dit), ALS en retard reprend le logement', () => {
    const state = etat(
      {
        conventions: [
          convention('prefet', 'etat', 0.3, { engagements: { tauxUniformeParCommune: false } }),
          convention('als', 'als', 0.3),
        ],
        reservataires,
      },
      progress,
      { fluxOriente },
    );
    expect(choisi(recommande(state))).toBe('CONVENTION:als');
  });
});

describe('plancher du préfet hors QPV', () => {
  const conventions = [
    convention('prefet', 'etat', 0.3, { engagements: { tauxUniformeParCommune: false } }),
    convention('als', 'als', 0.3),
  ];
  // 22 hors-QPV flats oriented, 6 to the préfet: 30 % of 23 is 6,9, a lag of 0,9 (the floor tolerates less than 1).
  const state = etat(
    { conventions, reservataires },
    { prefet: { propositions: 15, horsQpv: 6 }, als: { propositions: 15 } },
    { fluxOriente: flux({ horsQpv: 22 }) },
  );

  it('hors QPV, le préfet sous son plancher passe devant une convention dans les temps', () => {
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:prefet');
    expect(rec.options[0].raisons[0]).toBe('Hors QPV : le préfet est sous son plancher (manque 0,9 logement)');
    // The rule is broken by giving the flat elsewhere, not to the préfet: so an override to ALS is the one a
    // manager approves (the override policy's soft rules), with the lag it leaves.
    expect(rec.options[0].violates).toEqual([]);
    expect(option(rec, 'CONVENTION:als').violates).toEqual([
      {
        code: 'PREFET_HORS_QPV',
        hard: false,
        libelle: 'Part du préfet hors QPV sous son taux de 30 % (retard de 0,9 logement)',
      },
    ]);
    expect(option(rec, 'BAILLEUR').violates.map((v) => v.code)).toEqual(['PREFET_HORS_QPV']);
    expect(
      motifsApprobation(POLITIQUE_PAR_DEFAUT, state, DATE, rec.options[0].destination, option(rec, 'CONVENTION:als')),
    ).toContain('Règle non respectée : Part du préfet hors QPV sous son taux de 30 % (retard de 0,9 logement)');
  });

  it('en QPV le plancher hors QPV ne joue pas : les ménages prioritaires ne sont pas orientés vers les QPV', () => {
    const alsEnRetard = { ...state, progress: { ...state.progress, als: { ...state.progress.als, propositions: 14 } } };
    const rec = recommande(alsEnRetard, logement('l', A, { qpv: true }), resolvePolicy({ anneeReelle: false }));
    expect(option(rec, 'CONVENTION:prefet').raisons.join(' | ')).not.toMatch(/plancher/);
    expect(choisi(rec)).toBe('CONVENTION:als');
  });
});

describe('sous-quota fonctionnaires du préfet', () => {
  const prefet = convention('prefet', 'etat', 0.3, {
    sousQuotas: [{ code: 'FONCT', libelle: 'fonctionnaires', taux: 0.05 }],
  });

  // The préfet on its pace, its fonctionnaires behind (0 flat for 2,5 expected).
  const enRetard = etat(
    { conventions: [prefet], reservataires },
    { prefet: { propositions: 15, horsQpv: 15, parCommune: { [A]: 15 }, parSousQuota: {} } },
    { fluxOriente: flux({ total: 50, qpv: 0, horsQpv: 50, parCommune: { [A]: 50 } }) },
  );

  it('le sous-quota en retard passe devant le reste du contingent', () => {
    const state = enRetard;
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:prefet:FONCT');
    // Named as the console and Slack name it, with the cap it keeps.
    expect(rec.options[0].libelle).toBe('Réservataire etat — convention CONV-prefet, sous-quota fonctionnaires');
    expect(rec.options[0].satisfies).toContainEqual({
      code: 'SOUS_QUOTA_PLAFOND',
      hard: true,
      libelle: 'Sous le plafond du sous-quota fonctionnaires',
    });
    expect(rec.options[0].raisons).toContain('Sous-quota fonctionnaires : retard de 2,5 logements');
    expect(option(rec, 'CONVENTION:prefet').score).toBeLessThan(rec.options[0].score);
    // The rest of the contingent says its own pace, and the line of why it comes after its
    // sub-quota compares the two figures.
    const reste = option(rec, 'CONVENTION:prefet');
    expect(reste.raisons).toContain('Hors sous-quota fonctionnaires : avance de 2,5 logements');
    expect(raisonSecond(rec.options[0], reste)).toBe(
      'Réservataire etat — convention CONV-prefet vient en second : hors sous-quota fonctionnaires : avance de 2,5 logements, contre « sous-quota fonctionnaires : retard de 2,5 logements » pour Réservataire etat — convention CONV-prefet, sous-quota fonctionnaires',
    );
  });

  it('passer du sous-quota en retard au reste du contingent : l’approbation dit le retard du sous-quota, pas celui de la convention', () => {
    // The flat goes to the fonctionnaires; to the préfet's rest, it would count for the préfet all the same
    // (« already at its expected progress » is not the reason): only they would stay behind.
    const state = enRetard;
    const rec = recommande(state);
    expect(choisi(rec)).toBe('CONVENTION:prefet:FONCT');
    const approbation = (de: string, vers: string) =>
      motifsApprobation(POLITIQUE_PAR_DEFAUT, state, DATE, option(rec, de).destination, option(rec, vers));
    expect(approbation('CONVENTION:prefet:FONCT', 'CONVENTION:prefet')).toEqual([
      'Le sous-quota fonctionnaires recommandé (Réservataire etat — convention CONV-prefet) est en retard de 2,5 logements à date',
    ]);
    // The other way round, the flat goes to a sub-quota already behind: nothing sends a target further away.
    expect(approbation('CONVENTION:prefet', 'CONVENTION:prefet:FONCT')).toEqual([]);
  });

  it('la progression du préfet dit celle de son sous-quota : proposés, attendus à date, plafond de l’année', () => {
    const [sq] = ligneProgression(enRetard, 'prefet', DATE)!.sousQuotas;
    // The same figures the recommendation paces it on: 2,5 expected, none proposed.
    expect(sq).toMatchObject({ code: 'FONCT', libelle: 'fonctionnaires', attendu: 2.5, proposes: 0 });
    expect(sq.plafond).toBeCloseTo(0.05 * enRetard.exercice.fluxARepartir, 1);
    expect(retardSousQuota(enRetard, 'prefet', 'FONCT', DATE)!.retard).toBeCloseTo(sq.attendu - sq.proposes, 6);
  });

  it('la ligne du second cite ce qui sépare les deux options, pas le rythme qu’elles partagent', () => {
    // The préfet 5 flats ahead of its pace (15 expected), its fonctionnaires 0,5 ahead, the rest 4,5; ALS behind.
    const state = etat(
      { conventions: [prefet, convention('als', 'als', 0.3)], reservataires },
      { prefet: { propositions: 20, parSousQuota: { FONCT: 3 } }, als: { propositions: 5 } },
    );
    const rec = recommande(state);
    const [sousQuota, reste] = [option(rec, 'CONVENTION:prefet:FONCT'), option(rec, 'CONVENTION:prefet')];
    expect(reste.raisons).toContain('Hors sous-quota fonctionnaires : avance de 4,5 logements');
    expect(raisonSecond(sousQuota, reste)).toBe(
      'Réservataire etat — convention CONV-prefet vient en second : hors sous-quota fonctionnaires : avance de 4,5 logements, contre « sous-quota fonctionnaires : avance de 0,5 logement » pour Réservataire etat — convention CONV-prefet, sous-quota fonctionnaires',
    );
    // Against another convention, the sub-quota's pace reason is quoted without the convention's name again.
    expect(raisonSecond(option(rec, 'CONVENTION:als'), sousQuota)).toBe(
      "Réservataire etat — convention CONV-prefet, sous-quota fonctionnaires vient en second : avance de 5 logements sur l'objectif à date, 6 logements d'avance avec ce logement, contre « retard de 10 logements sur l'objectif à date » pour Réservataire als — convention CONV-als",
    );
  });

  it('le plafond de 5 % du flux est une règle dure', () => {
    const state = etat(
      { conventions: [prefet], reservataires },
      { prefet: { propositions: 15, parSousQuota: { FONCT: 5 } } },
    );
    const rec = recommande(state);
    expect(option(rec, 'CONVENTION:prefet:FONCT')).toMatchObject({
      eligible: false,
      violates: [
        {
          code: 'SOUS_QUOTA_PLAFOND',
          hard: true,
          libelle: 'Plafond du sous-quota fonctionnaires atteint (5 % du flux)',
        },
      ],
    });
    expect(choisi(rec)).not.toBe('CONVENTION:prefet:FONCT');
  });
});
