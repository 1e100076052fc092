import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { RequeteInvalideError } from '../../errors/domain-errors';
import { erreursEnFrancais } from './french-messages';

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
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new RequeteInvalideError([{ champ: '(corps)', raison: 'doit être un objet JSON' }]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) throw new RequeteInvalideError(erreursEnFrancais(errors));
  return instance;
}
