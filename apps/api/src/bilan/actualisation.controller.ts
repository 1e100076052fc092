import { Body, Controller, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ActualisationService, EDITOR_ROLES, type AccessScope } from '@aiguillage/core';
import type { Response } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, objet } from '../common/openapi';
import { ApiGet, ApiPatch, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { ModifierActualisationDto, ProposerActualisationDto } from './actualisation.dto';

/** Next year's actualisation: proposal from a closed year's bilan, review, validation, letter of the excluded flats. */
@ApiTags('bilans')
@ApiProtege()
@Roles(...EDITOR_ROLES)
@Controller('actualisations')
export class ActualisationController {
  constructor(private readonly actualisations: ActualisationService) {}

  @ApiPost({
    summary: 'Proposer l’exercice de l’année suivante à partir du bilan d’une année close',
    status: 201,
    schema: objet('La proposition d’actualisation, chaque chiffre avec son explication'),
    erreurs: [404, 409],
  })
  proposer(@Scope() scope: AccessScope, @Body() body: ProposerActualisationDto) {
    return this.actualisations.proposer(scope, body.snapshotId);
  }

  @ApiGet(':id', {
    summary: 'Lire une proposition d’actualisation (chaque chiffre avec son explication)',
    schema: objet('La proposition d’actualisation, chaque chiffre avec son explication'),
  })
  lire(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.actualisations.get(scope, id);
  }

  @ApiPatch(':id', {
    summary: 'Modifier la proposition (rotation, usages exclus prévus, objectifs) avant validation',
    schema: objet('La proposition modifiée'),
    erreurs: [409],
  })
  modifier(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: ModifierActualisationDto) {
    return this.actualisations.modifier(scope, id, body);
  }

  @ApiPost(':id/valider', {
    summary: 'Valider la proposition dans le nouvel exercice (objectifs et déficits reportés)',
    schema: objet('L’exercice créé à partir de la proposition'),
    erreurs: [409],
  })
  valider(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.actualisations.valider(scope, id);
  }

  @ApiGet(':id/lettre.pdf', {
    summary: 'Télécharger la lettre de prévision des logements exclus du flux (avant le 28 février)',
    fichier: 'application/pdf',
  })
  async lettre(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const f = await this.actualisations.lettre(scope, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${f.nom}"`);
    return new StreamableFile(f.contenu);
  }
}
