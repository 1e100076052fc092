import { RequeteInvalideError } from '../../../errors/domain-errors';
import { creerCommande } from '../creer-commande';
import type { ErreurChamp } from '../french-messages';

/** For the commands' specs: the French refusal of `plain` as a `cls` (throws when it is created, or fails otherwise). */
export async function refusDeCommande(cls: new () => object, plain: unknown): Promise<ErreurChamp[]> {
  try {
    await creerCommande(cls, plain);
  } catch (error) {
    if (error instanceof RequeteInvalideError) return error.erreurs;
    throw error;
  }
  throw new Error(`${cls.name} créée sans refus`);
}
