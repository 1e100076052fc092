import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { Cloturer, CreerCompte } from './commands';

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
