import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Bailleur } from '@aiguillage/engine';
import { BailleursService, type AccessScope } from '@aiguillage/core';
import { Scope } from '../auth/auth.decorators';
import { ApiProtege, liste, objet, texte, uuid } from '../common/openapi';
import { ApiGet } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';

const BAILLEUR_SCHEMA = objet('Un bailleur', { id: uuid, nom: texte, siren: texte });

@ApiTags('bailleurs')
@ApiProtege()
@Controller('bailleurs')
export class BailleursController {
  constructor(private readonly bailleurs: BailleursService) {}

  /** The bailleurs of the caller's perimeter. */
  @ApiGet({ summary: 'Bailleurs de votre périmètre', schema: liste(BAILLEUR_SCHEMA) })
  list(@Scope() scope: AccessScope): Promise<Bailleur[]> {
    return this.bailleurs.list(scope);
  }

  /** 403 outside the caller's perimeter. */
  @ApiGet(':id', { summary: 'Un bailleur de votre périmètre', schema: BAILLEUR_SCHEMA })
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Bailleur> {
    return this.bailleurs.get(scope, id);
  }
}
