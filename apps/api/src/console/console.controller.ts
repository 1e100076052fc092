import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ConsoleService } from './console.service';
import type { NomsConsole, DerogationConsole, LiberationConsole, LogementLu, PanneauDecision } from './console.types';
import { DerogationsQueryDto, ListeLiberationsQueryDto, RechercheLogementsQueryDto } from './console.dto';

/** The reads of the attribution console: names alongside ids, statuses, reasons as data. */
@ApiTags('console')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('console')
export class ConsoleController {
  constructor(private readonly console: ConsoleService) {}

  @Get('liberations')
  @ApiOperation({ summary: 'Libérations par statut (à orienter, en attente d’approbation, décidées), avec le logement en clair et les noms' })
  liberations(@Scope() scope: AccessScope, @Query() query: ListeLiberationsQueryDto): Promise<Page<LiberationConsole>> {
    return this.console.liste(scope, query.statut ?? 'A_ORIENTER', query.limit ?? 50, query.offset ?? 0);
  }

  @Get('liberations/:id')
  @ApiOperation({ summary: 'Une libération (ligne de la file) : logement, recommandation, décision ou dérogation en attente' })
  liberation(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<LiberationConsole> {
    return this.console.une(scope, id);
  }

  @Get('liberations/:id/panneau')
  @ApiOperation({ summary: 'Panneau de décision : options nommées, retard, raisons pour / contre chiffrées, règles impératives, approbation requise' })
  panneau(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PanneauDecision> {
    return this.console.panneau(scope, id);
  }

  @Get('noms')
  @ApiOperation({ summary: 'Noms des conventions (référence, réservataire) et des communes de vos bailleurs : pour afficher un événement en direct sans aller-retour' })
  noms(@Scope() scope: AccessScope): Promise<NomsConsole> {
    return this.console.noms(scope);
  }

  @Get('logements')
  @ApiOperation({ summary: 'Logements trouvés par identifiant RPLS, nom de commune ou de résidence' })
  logements(@Scope() scope: AccessScope, @Query() query: RechercheLogementsQueryDto): Promise<LogementLu[]> {
    return this.console.logements(scope, query.q, query.limit ?? 20);
  }

  @Get('derogations')
  @ApiOperation({ summary: 'Dérogations en attente (ou traitées) : logement, destination recommandée et demandée, motif, demandeur, motifs de la politique, historique' })
  derogations(@Scope() scope: AccessScope, @Query() query: DerogationsQueryDto): Promise<Page<DerogationConsole>> {
    return this.console.derogations(scope, query.statut ?? 'PENDING', query.limit ?? 50, query.offset ?? 0);
  }
}
