import { Injectable } from '@nestjs/common';
import { BailleurRepository, check, InvalidInputError, SlackCanalRepository } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError, IntrouvableError } from '../errors/domain-errors';

export interface CanalSlack {
  /** '' for the whole bailleur, else a commune (INSEE) or EPCI code. */
  territoire: string;
  canal: string;
}

const CANAL = /^[CG][A-Z0-9]{2,31}$/;
const TERRITOIRE = /^(|\d[\dAB]\d{3}|\d{9})$/;

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
  async remplacer(scope: AccessScope, bailleurId: string, canaux: unknown): Promise<CanalSlack[]> {
    if (scope.role !== 'ADMIN') throw new AccesInterditError('Accès refusé : réservé au rôle ADMIN');
    await this.bailleur(scope, bailleurId);
    if (!Array.isArray(canaux)) throw new InvalidInputError('canaux', 'doit être une liste de { territoire, canal }');
    if (canaux.length > 200) throw new InvalidInputError('canaux', 'au plus 200 canaux par bailleur');
    const lus = canaux.map((c, i): CanalSlack => {
      if (!c || typeof c !== 'object')
        throw new InvalidInputError(`canaux[${i}]`, 'doit être un objet { territoire, canal }');
      const x = c as Record<string, unknown>;
      const canal = check.text(x.canal, `canaux[${i}].canal`, 32);
      if (!CANAL.test(canal))
        throw new InvalidInputError(`canaux[${i}].canal`, "doit être l'identifiant d'un canal Slack (C0123ABCD)");
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an object becomes « [object Object] », which TERRITOIRE then refuses.
      const territoire = x.territoire === undefined || x.territoire === null ? '' : String(x.territoire);
      if (!TERRITOIRE.test(territoire))
        throw new InvalidInputError(
          `canaux[${i}].territoire`,
          "doit être vide (tout le bailleur), un code INSEE de commune ou un SIREN d'EPCI",
        );
      return { territoire, canal };
    });
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
