import { Injectable } from '@nestjs/common';
import type { Bailleur } from '@aiguillage/engine';
import { BailleurRepository } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { IntrouvableError } from '../errors/domain-errors';

@Injectable()
export class BailleursService {
  constructor(private readonly bailleurs: BailleurRepository) {}

  list(scope: AccessScope): Promise<Bailleur[]> {
    return this.bailleurs.findBailleurs(scope.bailleurIds);
  }

  async get(scope: AccessScope, id: string): Promise<Bailleur> {
    assertBailleur(scope, id);
    const [bailleur] = await this.bailleurs.findBailleurs([id]);
    if (!bailleur) throw new IntrouvableError('Bailleur', id);
    return bailleur;
  }
}
