import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { RequeteInvalideError } from '../../errors/domain-errors';
import { erreursEnFrancais, type ErreurChamp } from './french-messages';

/** The options every command and input DTO is validated with: unknown fields are refused, not silently dropped. */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
} as const;

/**
 * Creates a command (or any input class) from a plain object, validated once: the one factory of every
 * adapter but HTTP (Slack actions, imports, the demo replay, job payloads), whose global ValidationPipe
 * does the same with the same options. Throws a `RequeteInvalideError` with each field and its French reason.
 */
export async function creerCommande<T extends object>(cls: ClassConstructor<T>, plain: unknown): Promise<T> {
  const resultat = await validerEntree(cls, plain);
  if ('erreurs' in resultat) throw new RequeteInvalideError(resultat.erreurs);
  return resultat.valeur;
}

/** `creerCommande` without the throw: the instance, or each field and its French reason (a line of an import). */
export async function validerEntree<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
): Promise<{ valeur: T } | { erreurs: ErreurChamp[] }> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain))
    return { erreurs: [{ champ: '(corps)', raison: 'doit être un objet JSON' }] };
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, VALIDATION_OPTIONS);
  return errors.length > 0 ? { erreurs: erreursEnFrancais(errors) } : { valeur: instance };
}
