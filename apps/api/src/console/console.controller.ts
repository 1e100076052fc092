import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, liste, objet, page } from '../common/openapi';
import { ApiGet } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { ConsoleService } from './console.service';
import type { NomsConsole, DerogationConsole, LiberationConsole, LogementLu, PanneauDecision } from './console.types';
import { DerogationsQueryDto, ListeLiberationsQueryDto, RechercheLogementsQueryDto } from './console.dto';

/** The reads of the attribution console: names alongside ids, statuses, reasons as data. */
@ApiTags('console')
@ApiProtege()
@Roles(...STAFF_ROLES)
@Controller('console')
export class ConsoleController {
  constructor(private readonly console: ConsoleService) {}

  @ApiGet('liberations', {
    summary:
      'Libérations par statut (à orienter, en attente d’approbation, décidées : toutes ou les dérogations seulement), avec le logement en clair et les noms',
    schema: page(objet('Une libération de la file, logement et noms en clair')),
    erreurs: [400],
  })
  liberations(@Scope() scope: AccessScope, @Query() query: ListeLiberationsQueryDto): Promise<Page<LiberationConsole>> {
    return this.console.liste(scope, query.statut ?? 'A_ORIENTER', query.limit ?? 50, query.offset ?? 0, {
      derogations: query.derogations ?? false,
    });
  }

  @ApiGet('liberations/:id', {
    summary: 'Une libération (ligne de la file) : logement, recommandation, décision ou dérogation en attente',
    schema: objet('Une libération de la file, logement et noms en clair'),
  })
  liberation(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<LiberationConsole> {
    return this.console.une(scope, id);
  }

  @ApiGet('liberations/:id/panneau', {
    summary:
      'Panneau de décision : options nommées, retard, raisons pour / contre chiffrées, règles impératives, approbation requise',
    schema: objet('Le panneau de décision : options nommées, raisons chiffrées, règles, approbation'),
  })
  panneau(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PanneauDecision> {
    return this.console.panneau(scope, id);
  }

  @ApiGet('noms', {
    summary:
      'Noms des conventions (référence, réservataire), des communes et des départements de vos bailleurs : pour afficher un événement en direct sans aller-retour',
    schema: objet('Les noms des conventions, des communes et des départements, par identifiant'),
  })
  noms(@Scope() scope: AccessScope): Promise<NomsConsole> {
    return this.console.noms(scope);
  }

  @ApiGet('logements', {
    summary: 'Logements trouvés par identifiant RPLS, nom de commune ou de résidence',
    schema: liste(objet('Un logement trouvé, décrit en clair')),
    erreurs: [400],
  })
  logements(@Scope() scope: AccessScope, @Query() query: RechercheLogementsQueryDto): Promise<LogementLu[]> {
    return this.console.logements(scope, query.q, query.limit ?? 20);
  }

  @ApiGet('derogations', {
    summary:
      'Dérogations en attente (ou traitées) : logement, destination recommandée et demandée, motif, demandeur, motifs de la politique, historique',
    schema: page(objet('Une dérogation : logement, destinations, motif, demandeur, historique')),
    erreurs: [400],
  })
  derogations(@Scope() scope: AccessScope, @Query() query: DerogationsQueryDto): Promise<Page<DerogationConsole>> {
    return this.console.derogations(scope, query.statut ?? 'PENDING', query.limit ?? 50, query.offset ?? 0);
  }
}
