import { Injectable } from '@nestjs/common';
import { POLITIQUE_PAR_DEFAUT, type PolitiqueDerogation } from '@aiguillage/engine';
import { PolitiqueDerogationEntity } from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import type { DefinirPolitiqueDerogation } from './commands';

/** The approval policy itself is the engine's (pure): re-exported for the flow's callers. */
export {
  motifsApprobation,
  POLITIQUE_PAR_DEFAUT,
  retardConvention,
  type PolitiqueDerogation,
} from '@aiguillage/engine';

/** Reads and writes the per-bailleur policy (`politique_derogation`). */
@Injectable()
export class PolitiqueDerogationService {
  constructor(private readonly dataSource: DataSource) {}

  async get(bailleurId: string, manager: EntityManager = this.dataSource.manager): Promise<PolitiqueDerogation> {
    const row = await manager.findOneBy(PolitiqueDerogationEntity, { bailleurId });
    return row
      ? { toujours: row.toujours, ecartCible: row.ecartCible, regleSouple: row.regleSouple }
      : { ...POLITIQUE_PAR_DEFAUT };
  }

  async read(scope: AccessScope, bailleurId: string): Promise<PolitiqueDerogation> {
    assertBailleur(scope, bailleurId);
    return this.get(bailleurId);
  }

  async save(
    scope: AccessScope,
    bailleurId: string,
    politique: DefinirPolitiqueDerogation,
  ): Promise<PolitiqueDerogation> {
    assertBailleur(scope, bailleurId);
    await this.dataSource.manager.upsert(
      PolitiqueDerogationEntity,
      {
        bailleurId,
        toujours: politique.toujours,
        ecartCible: politique.ecartCible,
        regleSouple: politique.regleSouple,
        updatedBy: scope.userId,
      },
      ['bailleurId'],
    );
    return this.get(bailleurId);
  }
}
