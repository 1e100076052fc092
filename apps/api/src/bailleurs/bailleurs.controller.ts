import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Bailleur } from '@aiguillage/engine';
import { BailleursService, type AccessScope } from '@aiguillage/core';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';

@ApiTags('bailleurs')
@ApiBearerAuth()
@Controller('bailleurs')
export class BailleursController {
  constructor(private readonly bailleurs: BailleursService) {}

  /** The bailleurs of the caller's perimeter. */
  @Get()
  list(@Scope() scope: AccessScope): Promise<Bailleur[]> {
    return this.bailleurs.list(scope);
  }

  /** 403 outside the caller's perimeter. */
  @Get(':id')
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Bailleur> {
    return this.bailleurs.get(scope, id);
  }
}
