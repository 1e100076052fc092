import { RequeteInvalideError } from '../../../errors/domain-errors';
import { creerCommande } from '../creer-commande';
import type { ErreurChamp } from '../french-messages';

/** For the commands' specs: the French refusal of `plain` as a `cls` (the test fails if it is created). */
export async function refusDeCommande(cls: new () => object, plain: unknown): Promise<ErreurChamp[]> {
  const error = await creerCommande(cls, plain).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequeteInvalideError);
  return (error as RequeteInvalideError).erreurs;
}
