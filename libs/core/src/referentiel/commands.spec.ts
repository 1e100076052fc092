import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { Cloturer, CreerCompte, EnregistrerExercice } from './commands';

const RESERVATAIRE = '00000000-0000-4000-8000-000000000001';
const compte = { email: 'r@x.fr', nom: 'R', password: 'mot-de-passe-solide', bailleurIds: [] };

describe('CreerCompte, validated once when created', () => {
  it('a réservataire account names its réservataire; the other roles do not', async () => {
    await expect(
      creerCommande(CreerCompte, { ...compte, role: 'RESERVATAIRE', reservataireId: RESERVATAIRE }),
    ).resolves.toBeInstanceOf(CreerCompte);
    await expect(
      creerCommande(CreerCompte, { ...compte, role: 'CHARGE', reservataireId: null }),
    ).resolves.toBeInstanceOf(CreerCompte);
    expect(await refusDeCommande(CreerCompte, { ...compte, role: 'RESERVATAIRE' })).toEqual([
      { champ: 'reservataireId', raison: 'est obligatoire pour le rôle RESERVATAIRE' },
    ]);
    expect(await refusDeCommande(CreerCompte, { ...compte, role: 'MANAGER', reservataireId: RESERVATAIRE })).toEqual([
      { champ: 'reservataireId', raison: 'ne se renseigne que pour le rôle RESERVATAIRE' },
    ]);
  });

  it('refuses a bad e-mail, a short password and a role that does not exist', async () => {
    const refus = await refusDeCommande(CreerCompte, {
      ...compte,
      email: 'pas-une-adresse',
      password: 'court',
      role: 'X',
    });
    expect(refus.map((e) => e.champ)).toEqual(['email', 'password', 'role']);
    expect(refus[1].raison).toBe('doit contenir au moins 12 caractères');
  });
});

describe('Cloturer', () => {
  it('takes optional new rights, each for a convention, a whole number up to 100 000', async () => {
    await expect(creerCommande(Cloturer, {})).resolves.toEqual({});
    expect(await refusDeCommande(Cloturer, { droitsNouveaux: [{ conventionId: 'x', nombre: 100001 }] })).toEqual([
      { champ: 'droitsNouveaux.0.conventionId', raison: 'doit être un identifiant UUID' },
      { champ: 'droitsNouveaux.0.nombre', raison: 'doit être inférieur ou égal à 100000' },
    ]);
  });
});

describe('EnregistrerExercice', () => {
  const CONVENTION = '00000000-0000-4000-8000-000000000002';
  const exercice = {
    bailleurId: RESERVATAIRE,
    departement: '69',
    annee: 2026,
    assiette: {
      logements: 1000,
      stockDefense: 0,
      plansVente: 0,
      demolitions: 0,
      tauxRotation: 0.09,
      mutations: 0,
      relogements: { npnru: 0, orcod: 0, lhi: 0 },
    },
    fluxARepartir: 90,
    saisonnalite: Array<number>(12).fill(1 / 12),
    objectifs: [{ conventionId: CONVENTION, objectif: 20 }],
  };

  it('takes twelve shares summing to 1 and one objective per convention', async () => {
    await expect(creerCommande(EnregistrerExercice, exercice)).resolves.toBeInstanceOf(EnregistrerExercice);
    expect(
      await refusDeCommande(EnregistrerExercice, {
        ...exercice,
        saisonnalite: Array<number>(12).fill(0.1),
        objectifs: [...exercice.objectifs, { conventionId: CONVENTION, objectif: 3 }],
      }),
    ).toEqual([
      { champ: 'saisonnalite', raison: expect.stringMatching(/^la somme des 12 parts doit valoir 1 \(reçu 1\.2/) },
      { champ: 'objectifs', raison: 'une convention ne peut avoir qu’un objectif' },
    ]);
  });

  it('refuses a negative count, a rate above 1 and a missing assiette with each field named', async () => {
    expect(
      await refusDeCommande(EnregistrerExercice, {
        ...exercice,
        assiette: { ...exercice.assiette, tauxRotation: 1.5, relogements: { npnru: -1, orcod: 0, lhi: 0 } },
        objectifs: [{ conventionId: 'x', objectif: 1.5 }],
      }),
    ).toEqual([
      { champ: 'assiette.tauxRotation', raison: 'doit être inférieur ou égal à 1' },
      { champ: 'assiette.relogements.npnru', raison: 'doit être supérieur ou égal à 0' },
      { champ: 'objectifs.0.conventionId', raison: 'doit être un identifiant UUID' },
      { champ: 'objectifs.0.objectif', raison: 'doit être un nombre entier' },
    ]);
    expect(await refusDeCommande(EnregistrerExercice, { ...exercice, saisonnalite: [0.5, 0.4] })).toEqual([
      { champ: 'saisonnalite', raison: 'doit contenir au moins 12 élément(s)' },
    ]);
    const { assiette: _assiette, ...sansAssiette } = exercice;
    expect(await refusDeCommande(EnregistrerExercice, sansAssiette)).toEqual([
      { champ: 'assiette', raison: 'est obligatoire' },
    ]);
  });
});
