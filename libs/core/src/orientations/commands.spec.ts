import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { DeciderOrientation, destinationOf, TraiterDerogation } from './commands';

const LIBERATION = '00000000-0000-4000-8000-000000000001';
const CONVENTION = '00000000-0000-4000-8000-000000000002';

describe('DeciderOrientation, validated once when created', () => {
  it('accepts the recommendation (no destination) or an override with its destination of a kind', async () => {
    await expect(creerCommande(DeciderOrientation, { liberationId: LIBERATION })).resolves.toBeInstanceOf(
      DeciderOrientation,
    );
    const commande = await creerCommande(DeciderOrientation, {
      liberationId: LIBERATION,
      destination: { kind: 'CONVENTION', conventionId: CONVENTION, sousQuota: 'PLAI' },
      motif: 'AUTRE',
      commentaire: 'Relogement urgent',
    });
    expect(destinationOf(commande.destination!)).toEqual({
      kind: 'CONVENTION',
      conventionId: CONVENTION,
      sousQuota: 'PLAI',
    });
    // Only the fields of its kind reach the engine.
    expect(destinationOf({ kind: 'BAILLEUR', usage: 'NPNRU' })).toEqual({ kind: 'BAILLEUR' });
  });

  it('refuses each bad field with its French reason, nested fields dotted', async () => {
    const refus = await refusDeCommande(DeciderOrientation, {
      liberationId: 'x',
      destination: { kind: 'AILLEURS' },
      motif: 'HUMEUR',
      commentaire: 'x'.repeat(2001),
    });
    expect(Object.fromEntries(refus.map((e) => [e.champ, e.raison]))).toEqual({
      liberationId: 'doit être un identifiant UUID',
      'destination.kind': "doit être l'une des valeurs : CONVENTION, EXCLU, BAILLEUR",
      motif: expect.stringMatching(/^doit être l'une des valeurs : .*AUTRE/),
      commentaire: 'doit contenir au plus 2000 caractères',
    });
  });

  it('checks the cross-field rules once too: the comment with AUTRE, the fields of each destination kind', async () => {
    expect(
      await refusDeCommande(DeciderOrientation, { liberationId: LIBERATION, motif: 'AUTRE', commentaire: '  ' }),
    ).toEqual([{ champ: 'commentaire', raison: 'obligatoire avec le motif AUTRE' }]);
    expect(await refusDeCommande(DeciderOrientation, { liberationId: LIBERATION, motif: 'AUTRE' })).toEqual([
      { champ: 'commentaire', raison: 'obligatoire avec le motif AUTRE' },
    ]);
    expect(
      await refusDeCommande(DeciderOrientation, {
        liberationId: LIBERATION,
        destination: { kind: 'CONVENTION', usage: 'LHI' },
      }),
    ).toEqual([{ champ: 'destination.conventionId', raison: 'obligatoire pour une destination CONVENTION' }]);
    expect(
      await refusDeCommande(DeciderOrientation, {
        liberationId: LIBERATION,
        destination: { kind: 'EXCLU', usage: 'LOISIR' },
      }),
    ).toEqual([{ champ: 'destination.usage', raison: "doit être l'une des valeurs : MUTATION, NPNRU, ORCOD, LHI" }]);
  });
});

describe('TraiterDerogation', () => {
  it('takes an optional comment of at most 2000 characters', async () => {
    await expect(creerCommande(TraiterDerogation, {})).resolves.toEqual({});
    expect(await refusDeCommande(TraiterDerogation, { commentaire: 3 })).toEqual([
      { champ: 'commentaire', raison: 'doit être une chaîne de caractères' },
    ]);
  });
});
