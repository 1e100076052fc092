import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { DeclarerLiberation, DeclarerLiberations, MAX_BATCH } from './commands';

const LOGEMENT = '00000000-0000-4000-8000-000000000001';

describe('DeclarerLiberation, validated once when created', () => {
  it('creates the command from a valid plain object', async () => {
    const commande = await creerCommande(DeclarerLiberation, {
      logementId: LOGEMENT,
      date: '2026-03-14',
      motif: 'CONGE',
    });
    expect(commande).toBeInstanceOf(DeclarerLiberation);
    expect(commande).toEqual({ logementId: LOGEMENT, date: '2026-03-14', motif: 'CONGE' });
  });

  it('refuses each bad field with its French reason, a day that does not exist included', async () => {
    expect(
      await refusDeCommande(DeclarerLiberation, { logementId: 'x', date: '2026-02-30', motif: 'VACANCES', kind: 'X' }),
    ).toEqual([
      { champ: 'logementId', raison: 'doit être un identifiant UUID' },
      { champ: 'date', raison: "le 2026-02-30 n'existe pas dans le calendrier" },
      { champ: 'motif', raison: expect.stringMatching(/^doit être l'une des valeurs : .*CONGE/) },
      { champ: 'kind', raison: "doit être l'une des valeurs : ROTATION, NEUF" },
    ]);
  });

  it('refuses an empty or oversized batch and names the bad line by its index', async () => {
    const ligne = { logementId: LOGEMENT, date: '2026-03-14', motif: 'CONGE' };
    expect(await refusDeCommande(DeclarerLiberations, { liberations: [] })).toEqual([
      { champ: 'liberations', raison: 'doit contenir au moins 1 élément(s)' },
    ]);
    expect(await refusDeCommande(DeclarerLiberations, { liberations: Array(MAX_BATCH + 1).fill(ligne) })).toEqual([
      { champ: 'liberations', raison: `doit contenir au plus ${MAX_BATCH} élément(s)` },
    ]);
    expect(
      await refusDeCommande(DeclarerLiberations, { liberations: [ligne, { ...ligne, date: '14/03/2026' }] }),
    ).toEqual([{ champ: 'liberations.1.date', raison: 'doit être une date au format AAAA-MM-JJ' }]);
  });
});
