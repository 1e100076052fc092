import { Collecteur, colonneCsv } from '../structured/collecteur';
import { conventionDepuisCsv } from './convention-csv';
import { validerConvention } from './convention-validation';

const base = {
  reference: 'C1',
  reservataire: 'ALS',
  departement: '69',
  cible: { type: 'TAUX', taux: 0.3 },
  delegation: { mode: 'DIRECTE' },
  contrepartie: 'FINANCEMENT',
  dateDebut: '2024-01-01',
};

async function valider(brut: unknown) {
  const col = new Collecteur();
  const convention = await validerConvention(brut, 1, col);
  return { convention, erreurs: col.erreurs.map((e) => [e.colonne, e.message]) };
}

describe('validerConvention', () => {
  it('fills the documented defaults', async () => {
    expect((await valider(base)).convention).toEqual({
      ...base,
      territoire: null,
      decompte: { mode: 'PROPOSITION' },
      delegation: { mode: 'DIRECTE', delaiJours: 30, candidatsMax: 3, retourCompte: false },
      engagements: {},
      sousQuotas: [],
      actionCorrective: 'REPORT',
      etalementAnnees: null,
      deficitReporte: 0,
      compteMutations: false,
      dateFin: null,
    });
  });

  // The API's reasons (`ConventionSaisie`): an import refuses what the API refuses, in the same words.
  it.each([
    [
      { cible: { type: 'DROITS_UNIQUES', nombre: 10, annees: 2, taux: 0.1 } },
      'cible.taux',
      'ne se renseigne que pour une cible TAUX',
    ],
    [{ cible: { type: 'TAUX', taux: 0 } }, 'cible.taux', 'doit être strictement positif'],
    [{ actionCorrective: 'ETALEMENT' }, 'etalementAnnees', "est obligatoire quand l'action corrective est ETALEMENT"],
    [{ etalementAnnees: 3 }, 'etalementAnnees', "ne se renseigne que pour l'action corrective ETALEMENT"],
    [
      { sousQuotas: [{ code: 'F', libelle: 'Fonctionnaires', taux: 0.35 }] },
      'sousQuotas',
      'les sous-quotas (35 %) dépassent la cible (30 %)',
    ],
    [
      { engagements: { qpv: { min: 0.5, max: 0.2 } } },
      'engagements.qpv.max',
      'doit être supérieur ou égal au minimum (50 %)',
    ],
    [
      { engagements: { typologies: { T2: { min: 0.3, max: 0.1 } } } },
      'engagements.typologies.T2.max',
      'doit être supérieur ou égal au minimum (30 %)',
    ],
    [{ engagements: { typologies: { T9: { min: 0.1 } } } }, 'engagements.typologies.T9', "n'est pas un champ autorisé"],
    [{ engagements: { quota: 1 } }, 'engagements.quota', "n'est pas un champ autorisé"],
    [
      { decompte: { mode: 'PROPOSITION', poids: { proposition: 1, attribution: 0, bail: 0 } } },
      'decompte.poids',
      'ne se renseigne qu’en décompte MIXTE',
    ],
    [{ territoire: { communes: ['93066'] } }, 'territoire', 'communes hors du département 69 : 93066'],
    [
      { territoire: { departement: '93' } },
      'territoire',
      'son département (93) diffère de celui de la convention (69)',
    ],
    [
      { delegation: { mode: 'DIRECTE', candidatsMax: 15 } },
      'delegation.candidatsMax',
      'doit être inférieur ou égal à 10',
    ],
    [{ delegation: undefined }, 'delegation', 'est obligatoire'],
    [
      { reservataire: 'als' },
      'reservataire',
      'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus',
    ],
  ])('refuses %j', async (patch, colonne, message) => {
    const { convention, erreurs } = await valider({ ...base, ...patch });
    expect(convention).toBeNull();
    expect(erreurs).toEqual([[colonne, message]]);
  });
});

describe('conventionDepuisCsv', () => {
  const header = ['reference', 'engagements_typologies', 'sous_quotas', 'cible_taux'];
  const lire = (valeurs: Record<string, string>) => {
    const col = new Collecteur(colonneCsv(header));
    return { o: conventionDepuisCsv({ ligne: 4, valeurs }, col), erreurs: col.erreurs };
  };

  it('reads bounds by key, sub-quotas and percentages', () => {
    expect(
      lire({
        reference: 'C',
        engagements_typologies: 'T1:..0,15|t4:20 %..',
        sous_quotas: 'F:Agents publics:5 %',
        cible_taux: '30 %',
      }).o,
    ).toEqual({
      reference: 'C',
      engagements: { typologies: { T1: { max: 0.15 }, T4: { min: 0.2 } } },
      sousQuotas: [{ code: 'F', libelle: 'Agents publics', taux: 0.05 }],
      cible: { taux: 0.3 },
    });
  });

  it('reports malformed cells at their line and column', () => {
    expect(
      lire({ reference: 'C', engagements_typologies: 'T1=0,2', sous_quotas: 'F:5 %', cible_taux: '' }).erreurs,
    ).toEqual([
      {
        ligne: 4,
        colonne: 'engagements_typologies',
        message: '« T1=0,2 » : attendu CLE:min..max (ex. T1:..0,2 ou T4:25 %..)',
      },
      { ligne: 4, colonne: 'sous_quotas', message: '« F:5 % » : attendu CODE:libellé:taux' },
    ]);
  });
});
