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
      { champ: 'decompte.poids', raison: 'la somme des poids doit valoir 1' },
      { champ: 'delegation.partDeleguee', raison: 'est obligatoire en délégation PARTIELLE' },
      { champ: 'engagements.qpv', raison: 'min doit être inférieur ou égal à max' },
      { champ: 'etalementAnnees', raison: "est obligatoire quand l'action corrective est ETALEMENT" },
      { champ: 'dateFin', raison: 'doit être postérieure ou égale à dateDebut' },
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
});

describe('CreerReservataire', () => {
  it('refuses a code that is not upper case and a missing territoire', async () => {
    expect(await refusDeCommande(CreerReservataire, { code: 'als', nom: 'ALS', kind: 'ALS' })).toEqual([
      { champ: 'code', raison: 'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus' },
      { champ: 'territoire', raison: 'est obligatoire' },
    ]);
  });
});
