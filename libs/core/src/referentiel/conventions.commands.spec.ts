import { conventionDeTest } from '@aiguillage/engine/testing/convention';
import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { CreerReservataire, EnregistrerConvention } from './conventions.commands';

const UUID = '00000000-0000-4000-8000-000000000001';
const { id: _id, ...convention } = conventionDeTest({
  bailleurId: UUID,
  reservataireId: UUID,
  dateDebut: '2026-01-01',
});

describe('EnregistrerConvention, validated once when created', () => {
  it('takes a convention whose fields agree', async () => {
    await expect(creerCommande(EnregistrerConvention, convention)).resolves.toBeInstanceOf(EnregistrerConvention);
    await expect(
      creerCommande(EnregistrerConvention, {
        ...convention,
        decompte: { mode: 'MIXTE', poids: { proposition: 0.2, attribution: 0.3, bail: 0.5 } },
        delegation: { ...convention.delegation, mode: 'PARTIELLE', partDeleguee: 0.5 },
        actionCorrective: 'ETALEMENT',
        etalementAnnees: 3,
        engagements: { qpv: { min: 0.1, max: 0.3 } },
        dateFin: '2026-01-01',
      }),
    ).resolves.toBeInstanceOf(EnregistrerConvention);
  });

  it('names each rule between fields with its French reason', async () => {
    expect(
      await refusDeCommande(EnregistrerConvention, {
        ...convention,
        decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.2, bail: 0.2 } },
        delegation: { ...convention.delegation, mode: 'PARTIELLE' },
        engagements: { qpv: { min: 0.5, max: 0.2 }, horsQpv: { min: 0.1, max: 0.2 } },
        actionCorrective: 'ETALEMENT',
        dateFin: '2025-12-31',
      }),
    ).toEqual([
      { champ: 'decompte.poids', raison: 'la somme des poids doit valoir 1 (reçu 0.9)' },
      { champ: 'delegation.partDeleguee', raison: 'est obligatoire en délégation PARTIELLE' },
      { champ: 'engagements.qpv.max', raison: 'doit être supérieur ou égal au minimum (50 %)' },
      { champ: 'etalementAnnees', raison: "est obligatoire quand l'action corrective est ETALEMENT" },
      { champ: 'dateFin', raison: 'doit être postérieure ou égale au début (2026-01-01)' },
    ]);
  });

  it('wants the weights in MIXTE only', async () => {
    expect(await refusDeCommande(EnregistrerConvention, { ...convention, decompte: { mode: 'MIXTE' } })).toEqual([
      { champ: 'decompte.poids', raison: 'est obligatoire en décompte MIXTE' },
    ]);
    const poids = { proposition: 0.2, attribution: 0.3, bail: 0.5 };
    expect(await refusDeCommande(EnregistrerConvention, { ...convention, decompte: { mode: 'BAIL', poids } })).toEqual([
      { champ: 'decompte.poids', raison: 'ne se renseigne qu’en décompte MIXTE' },
    ]);
  });

  it('refuses what an import line refuses (sub-quotas over the share, a territory elsewhere, a field of another kind)', async () => {
    expect(
      await refusDeCommande(EnregistrerConvention, {
        ...convention,
        departement: '69',
        territoire: { departement: '69', communes: ['69123', '93066'] },
        cible: { type: 'TAUX', taux: 0.1, nombre: 4 },
        sousQuotas: [{ code: 'FONCTIONNAIRES', libelle: 'Agents publics', taux: 0.15 }],
        etalementAnnees: 2,
      }),
    ).toEqual([
      { champ: 'territoire', raison: 'communes hors du département 69 : 93066' },
      { champ: 'cible.nombre', raison: 'ne se renseigne que pour une cible DROITS_UNIQUES' },
      { champ: 'sousQuotas', raison: 'les sous-quotas (15 %) dépassent la cible (10 %)' },
      { champ: 'etalementAnnees', raison: "ne se renseigne que pour l'action corrective ETALEMENT" },
    ]);
  });
});

describe('CreerReservataire', () => {
  it('refuses a code that is not upper case and a missing territoire', async () => {
    expect(await refusDeCommande(CreerReservataire, { code: 'als', nom: 'ALS', kind: 'ALS' })).toEqual([
      { champ: 'code', raison: 'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus' },
      { champ: 'territoire', raison: 'est obligatoire' },
    ]);
  });
});
