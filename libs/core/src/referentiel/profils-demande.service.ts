import { Injectable } from '@nestjs/common';
import type { ProfilDemande } from '@aiguillage/engine';
import { ProfilDemandeRepository } from '@aiguillage/persistence';
import { reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError } from '../errors/domain-errors';

/** Demand profiles by réservataire and year (a RESERVATAIRE sees its own). */
@Injectable()
export class ProfilsDemandeService {
  constructor(private readonly profils: ProfilDemandeRepository) {}

  async list(scope: AccessScope, query: { annee: number; reservataireId?: string }): Promise<ProfilDemande[]> {
    const own = reservataireImpose(scope);
    if (own) {
      if (query.reservataireId && query.reservataireId !== own)
        throw new AccesInterditError("Accès refusé : ce n'est pas votre réservataire");
      return this.profils.findProfils({ reservataireIds: [own], annee: query.annee });
    }
    const visibles = await this.profils.findProfilsForBailleurs({ bailleurIds: scope.bailleurIds, annee: query.annee });
    return query.reservataireId ? visibles.filter((p) => p.reservataireId === query.reservataireId) : visibles;
  }
}
