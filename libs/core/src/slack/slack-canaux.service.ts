import { Injectable } from '@nestjs/common';
import { BailleurRepository, check, InvalidInputError, SlackCanalRepository } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError, IntrouvableError } from '../errors/domain-errors';
import type { RemplacerCanauxSlack } from './commands';

export interface CanalSlack {
  /** '' for the whole bailleur, else a commune (INSEE) or EPCI code. */
  territoire: string;
  canal: string;
}

/**
 * The bailleur → Slack channel mapping (per territory optionally): read by staff of the bailleur,
 * replaced by an ADMIN. The most specific mapping wins (commune, then EPCI, then the bailleur).
 */
@Injectable()
export class SlackCanauxService {
  constructor(
    private readonly canaux: SlackCanalRepository,
    private readonly bailleurs: BailleurRepository,
  ) {}

  async lister(scope: AccessScope, bailleurId: string): Promise<CanalSlack[]> {
    await this.bailleur(scope, bailleurId);
    return this.canaux.list(bailleurId);
  }

  /** Replaces the bailleur's whole mapping (an empty list removes it). ADMIN only. */
  async remplacer(scope: AccessScope, bailleurId: string, commande: RemplacerCanauxSlack): Promise<CanalSlack[]> {
    if (scope.role !== 'ADMIN') throw new AccesInterditError('Accès refusé : réservé au rôle ADMIN');
    await this.bailleur(scope, bailleurId);
    const lus = commande.canaux.map(({ territoire, canal }): CanalSlack => ({ territoire: territoire ?? '', canal }));
    // A rule across the list's items: its field path (`canaux[i].territoire`) names the second one.
    const doublon = lus.findIndex((c, i) => lus.findIndex((d) => d.territoire === c.territoire) !== i);
    if (doublon >= 0)
      throw new InvalidInputError(
        `canaux[${doublon}].territoire`,
        `territoire « ${lus[doublon].territoire || 'tout le bailleur'} » en double`,
      );
    await this.canaux.replace(bailleurId, lus, scope.userId);
    return this.lister(scope, bailleurId);
  }

  private async bailleur(scope: AccessScope, bailleurId: string): Promise<void> {
    check.uuid(bailleurId, 'id');
    if (!(await this.bailleurs.exists(bailleurId)) || !scope.bailleurIds.includes(bailleurId))
      throw new IntrouvableError('Bailleur', bailleurId);
    assertBailleur(scope, bailleurId);
  }
}
