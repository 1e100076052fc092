import type { Convention } from '@aiguillage/engine/domain';
import type { VersionConvention } from '@aiguillage/engine/versions';
import { In } from 'typeorm';
import { managerOf, type Db } from '../repository.utils';
import { check } from '../validation';
import { ConventionVersionEntity } from './convention-version.entity';

/** The versions of conventions' terms (see `ConventionVersionEntity`). */
export class ConventionVersionRepository {
  constructor(private readonly db: Db) {}

  /** The versions of each convention that has any, by convention id, in ascending date. */
  async findVersions(conventionIds: readonly string[]): Promise<Record<string, VersionConvention[]>> {
    const out: Record<string, VersionConvention[]> = {};
    if (conventionIds.length === 0) return out;
    const rows = await managerOf(this.db).find(ConventionVersionEntity, {
      where: { conventionId: In([...conventionIds]) },
      order: { conventionId: 'ASC', dateEffet: 'ASC' },
    });
    for (const r of rows) (out[r.conventionId] ??= []).push({ dateEffet: r.dateEffet, convention: r.termes });
    return out;
  }

  /** Records the terms in force from `dateEffet` (replacing a version of the same date). */
  async saveVersion(convention: Convention, dateEffet: string): Promise<void> {
    check.day(dateEffet, 'dateEffet');
    await managerOf(this.db).upsert(
      ConventionVersionEntity,
      { conventionId: convention.id, dateEffet, termes: convention },
      ['conventionId', 'dateEffet'],
    );
  }

  /** Forgets a convention's history (a change dated before it ever applied replaces it whole). */
  async deleteVersions(conventionId: string): Promise<void> {
    await managerOf(this.db).delete(ConventionVersionEntity, { conventionId });
  }
}
