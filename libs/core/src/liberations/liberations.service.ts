import { Injectable } from '@nestjs/common';
import type { Liberation } from '@aiguillage/engine';
import { LiberationRepository, type Page } from '@aiguillage/persistence';
import { bailleursVisibles, type AccessScope } from '../platform/auth/access-scope';
import { IntrouvableError } from '../errors/domain-errors';

export type LiberationView = Liberation & { bailleurId: string };

export interface LiberationQuery {
  bailleurId?: string;
  from?: string;
  to?: string;
  logementId?: string;
  limit?: number;
  offset?: number;
}

/** Reading freed flats (declaring one is the live flow's `LiberationFlowService`). */
@Injectable()
export class LiberationsService {
  constructor(private readonly liberations: LiberationRepository) {}

  list(scope: AccessScope, { bailleurId, ...filter }: LiberationQuery): Promise<Page<LiberationView>> {
    return this.liberations.findLiberations({ ...filter, bailleurIds: bailleursVisibles(scope, bailleurId) });
  }

  async get(scope: AccessScope, id: string): Promise<LiberationView> {
    const liberation = await this.liberations.findLiberationById(scope.bailleurIds, id);
    if (!liberation) throw new IntrouvableError('Libération', id);
    return liberation;
  }
}
