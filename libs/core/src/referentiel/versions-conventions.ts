import { dateFr, type Convention } from '@aiguillage/engine';
import { ConventionVersionRepository } from '@aiguillage/persistence';
import type { EntityManager } from 'typeorm';
import { RequeteInvalideError } from '../errors/domain-errors';

/** Today (UTC), the default date a change takes effect from. */
export const aujourdhui = (): string => new Date().toISOString().slice(0, 10);

/**
 * Records the former and the new terms of a changed convention, each with the date it is in force
 * from (issue 9, finding 11): the former terms stay in force before `dateEffet`, so what was counted
 * stays counted. A change dated on or before the convention's start replaces it whole (no history);
 * a change dated before its last recorded version is refused (French 400 on `dateEffet`).
 */
export async function versionner(
  manager: EntityManager,
  avant: Convention,
  apres: Convention,
  dateEffet: string,
): Promise<void> {
  const repository = new ConventionVersionRepository(manager);
  const existantes = (await repository.findVersions([avant.id]))[avant.id] ?? [];
  const premiere = existantes[0]?.dateEffet ?? avant.dateDebut;
  if (dateEffet <= premiere) {
    // Before the convention ever applied: a correction of the whole convention, no history.
    await repository.deleteVersions(avant.id);
    return;
  }
  const derniere = existantes.at(-1);
  if (derniere && dateEffet < derniere.dateEffet) {
    throw new RequeteInvalideError([
      {
        champ: 'dateEffet',
        raison: `la convention ${avant.reference} a déjà une version en vigueur le ${dateFr(derniere.dateEffet)} : une modification prend effet à cette date ou après (reçu ${dateFr(dateEffet)})`,
      },
    ]);
  }
  if (existantes.length === 0) await repository.saveVersion(avant, avant.dateDebut);
  await repository.saveVersion(apres, dateEffet);
}
