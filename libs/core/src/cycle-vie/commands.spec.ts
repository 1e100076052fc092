import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { DeciderCal, Decliner, ProposerCandidats, SignerBail } from './commands';

const CANDIDAT = '00000000-0000-4000-8000-000000000001';

describe('the commands of a proposition, validated once when created', () => {
  it('ProposerCandidats: from 1 to 20 candidates, each field with its French reason', async () => {
    const candidat = { numeroSne: 'SNE-1', rang: 1, tailleMenage: 3, quartile: 2, prioritaire: false };
    await expect(creerCommande(ProposerCandidats, { candidats: [candidat] })).resolves.toBeInstanceOf(
      ProposerCandidats,
    );
    expect(await refusDeCommande(ProposerCandidats, { candidats: [] })).toEqual([
      { champ: 'candidats', raison: 'doit contenir au moins 1 élément(s)' },
    ]);
    expect(
      await refusDeCommande(ProposerCandidats, {
        candidats: [
          candidat,
          { ...candidat, numeroSne: '  ', rang: 0, ressourcesMensuelles: 12.345, prioritaire: 'oui' },
        ],
      }),
    ).toEqual([
      { champ: 'candidats.1.numeroSne', raison: 'ne doit pas être vide' },
      { champ: 'candidats.1.rang', raison: 'doit être supérieur ou égal à 1' },
      { champ: 'candidats.1.ressourcesMensuelles', raison: 'doit être un nombre' },
      { champ: 'candidats.1.prioritaire', raison: 'doit valoir true ou false' },
    ]);
  });

  it('DeciderCal: the rank required for an attribution, refused for any other decision', async () => {
    const cal = { candidatId: CANDIDAT, dateCal: '2026-04-02' };
    await expect(creerCommande(DeciderCal, { ...cal, decision: 'ATTRIBUTION', rang: 1 })).resolves.toBeInstanceOf(
      DeciderCal,
    );
    expect(await refusDeCommande(DeciderCal, { ...cal, decision: 'ATTRIBUTION' })).toEqual([
      { champ: 'rang', raison: "obligatoire pour une décision d'attribution" },
    ]);
    expect(await refusDeCommande(DeciderCal, { ...cal, decision: 'REFUS', rang: 2 })).toEqual([
      { champ: 'rang', raison: "réservé à une décision d'attribution" },
    ]);
    expect(
      await refusDeCommande(DeciderCal, { ...cal, decision: 'ATTRIBUTION', rang: 100, dateCal: '2026-02-30' }),
    ).toEqual([
      { champ: 'rang', raison: 'doit être inférieur ou égal à 99' },
      { champ: 'dateCal', raison: "le 2026-02-30 n'existe pas dans le calendrier" },
    ]);
  });

  it('SignerBail and Decliner', async () => {
    expect(await refusDeCommande(SignerBail, { candidatId: 'x', signedAt: '2026-04-20' })).toEqual([
      { champ: 'candidatId', raison: 'doit être un identifiant UUID' },
    ]);
    expect(await refusDeCommande(Decliner, { motif: ' ' })).toEqual([
      { champ: 'motif', raison: 'ne doit pas être vide' },
    ]);
    expect(await refusDeCommande(Decliner, { motif: 'x'.repeat(501) })).toEqual([
      { champ: 'motif', raison: 'doit contenir au plus 500 caractères' },
    ]);
  });
});
