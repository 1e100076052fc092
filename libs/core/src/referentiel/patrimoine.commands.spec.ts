import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { CreerLogement, ModifierLogement } from './patrimoine.commands';

const logement = {
  rplsId: 'TEST-0001',
  bailleurId: '00000000-0000-4000-8000-000000000001',
  commune: '69123',
  departement: '69',
  qpv: true,
  typologie: 'T3',
  financement: 'PLUS',
};

describe('CreerLogement, validated once when created', () => {
  it('takes a flat with where it is and what it is', async () => {
    await expect(creerCommande(CreerLogement, { ...logement, etage: 2 })).resolves.toBeInstanceOf(CreerLogement);
  });

  it('names each invalid field with its French reason', async () => {
    expect(
      await refusDeCommande(CreerLogement, {
        ...logement,
        commune: '6912',
        epci: '123',
        typologie: 'T9',
        etage: 101,
        rplsId: '',
      }),
    ).toEqual([
      { champ: 'rplsId', raison: 'doit contenir au moins 1 caractères' },
      { champ: 'commune', raison: 'doit être un code INSEE de commune (5 caractères)' },
      { champ: 'typologie', raison: "doit être l'une des valeurs : T1, T2, T3, T4, T5, T6" },
      { champ: 'epci', raison: 'doit être un SIREN à 9 chiffres' },
      { champ: 'etage', raison: 'doit être inférieur ou égal à 100' },
    ]);
  });
});

describe('ModifierLogement', () => {
  it('changes some fields only; the RPLS id and the bailleur are fixed', async () => {
    await expect(creerCommande(ModifierLogement, { qpv: false })).resolves.toEqual({ qpv: false });
    expect(await refusDeCommande(ModifierLogement, { rplsId: 'X', qpv: 'oui' })).toEqual([
      { champ: 'rplsId', raison: "n'est pas un champ autorisé" },
      { champ: 'qpv', raison: 'doit valoir true ou false' },
    ]);
  });
});
