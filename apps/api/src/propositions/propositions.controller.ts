import { Body, Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import {
  DeciderCal,
  Decliner,
  ProposerCandidats,
  RefuserLogement,
  SignerBail,
  SuiviFlowService,
  type PropositionView,
} from '@aiguillage/core/cycle-vie';
import { ListesFlowService, type PropositionResume } from '@aiguillage/core/liberations';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, page } from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { PROPOSITION_RESUME_SCHEMA, PROPOSITION_SCHEMA, PropositionsQueryDto } from './propositions.dto';

/**
 * What follows an orientation: the proposition to a convention's réservataire (or the bailleur's
 * own candidates), its candidates, the CAL's decision, a decline, the signed lease. The list: a
 * réservataire finds those waiting for its candidates, a chargé follows its bailleurs' by status.
 */
@ApiTags('propositions')
@ApiProtege()
@Controller('propositions')
export class PropositionsController {
  constructor(
    private readonly suivi: SuiviFlowService,
    private readonly listes: ListesFlowService,
  ) {}

  @ApiGet({
    summary: 'Propositions de vos bailleurs (un réservataire : celles faites à ses conventions)',
    description:
      "D'abord les propositions en attente avec un délai, le délai le plus proche en premier ; puis les autres, les plus récentes d'abord. limit 50 par défaut, 500 au plus.",
    schema: page(PROPOSITION_RESUME_SCHEMA),
    erreurs: [400],
  })
  propositions(@Scope() scope: AccessScope, @Query() query: PropositionsQueryDto): Promise<Page<PropositionResume>> {
    return this.listes.propositions(scope, query);
  }

  @ApiGet(':id', { summary: 'Une proposition, ses candidats et son délai', schema: PROPOSITION_SCHEMA })
  proposition(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PropositionView> {
    return this.suivi.get(scope, id);
  }

  /** Candidates: the convention's réservataire (DIRECTE) or the bailleur (délégation). */
  @ApiPost(':id/candidats', {
    summary: 'Présente les candidats d’une proposition (le réservataire, ou le bailleur en délégation)',
    schema: PROPOSITION_SCHEMA,
    erreurs: [409, 422],
  })
  candidats(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: ProposerCandidats,
  ): Promise<PropositionView> {
    return this.suivi.candidats(scope, id, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiPost(':id/cal', {
    summary: 'Enregistre la décision de la CAL pour un candidat',
    schema: PROPOSITION_SCHEMA,
    erreurs: [409, 422],
  })
  cal(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: DeciderCal): Promise<PropositionView> {
    return this.suivi.cal(scope, id, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiPost(':id/refus', {
    summary: 'Enregistre le refus du logement par un candidat',
    schema: PROPOSITION_SCHEMA,
    erreurs: [409, 422],
  })
  refus(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: RefuserLogement): Promise<PropositionView> {
    return this.suivi.refus(scope, id, body);
  }

  /** The réservataire (or the bailleur on its behalf) declines the flat, with its reason: back to the bailleur for one turn. */
  @ApiPost(':id/declin', {
    summary: 'Le réservataire décline le logement, avec son motif : il revient au bailleur pour ce tour',
    schema: PROPOSITION_SCHEMA,
    erreurs: [409, 422],
  })
  declin(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: Decliner): Promise<PropositionView> {
    return this.suivi.declin(scope, id, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiPost(':id/bail', {
    summary: 'Enregistre le bail signé par un candidat : la proposition est close',
    schema: PROPOSITION_SCHEMA,
    erreurs: [409, 422],
  })
  bail(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: SignerBail): Promise<PropositionView> {
    return this.suivi.bail(scope, id, body);
  }
}
