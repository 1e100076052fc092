import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BilanService, RequeteInvalideError, type AccessScope } from '@aiguillage/core';
import type { Response } from 'express';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { BilansQueryDto, DetailQueryDto, FORMATS, GenererBilanDto } from './bilan.dto';

function format(value: string): (typeof FORMATS)[number] {
  if (!(FORMATS as readonly string[]).includes(value)) throw new RequeteInvalideError([{ champ: 'format', raison: `doit valoir ${FORMATS.join(', ')}` }]);
  return value as (typeof FORMATS)[number];
}

/** The annual bilan: generation (background job), progress, list, reading, downloads, drill-down. */
@ApiTags('bilans')
@ApiBearerAuth()
@Controller('bilans')
export class BilanController {
  constructor(private readonly bilans: BilanService) {}

  @ApiOperation({ summary: 'Lancer le calcul du bilan annuel d’un bailleur dans un département (tâche de fond)' })
  @Post()
  @HttpCode(202)
  generer(@Scope() scope: AccessScope, @Body() body: GenererBilanDto) {
    return this.bilans.demander(scope, body);
  }

  @ApiOperation({ summary: 'Suivre une génération de bilan (statut, progression, instantané produit)' })
  @Get('generations/:id')
  generation(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.generation(scope, id);
  }

  @ApiOperation({ summary: 'Lister les bilans calculés (instantanés immuables)' })
  @Get()
  liste(@Scope() scope: AccessScope, @Query() query: BilansQueryDto) {
    return this.bilans.liste(scope, query);
  }

  @ApiOperation({ summary: 'Lire un bilan (un réservataire n’en voit que sa part)' })
  @Get(':id')
  lire(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.lire(scope, id);
  }

  @ApiOperation({ summary: 'Ouvrir un chiffre du bilan sur les logements et décisions qu’il compte' })
  @Get(':id/detail')
  detail(@Scope() scope: AccessScope, @UuidParam() id: string, @Query() query: DetailQueryDto) {
    return this.bilans.detail(scope, id, query);
  }

  @ApiOperation({ summary: 'Télécharger le bilan d’un réservataire (xlsx, csv ou pdf)' })
  @Get(':id/reservataires/:reservataireId/:format')
  async reservataire(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @UuidParam('reservataireId') reservataireId: string,
    @Param('format') f: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.envoyer(res, await this.bilans.exporter(scope, id, { type: 'reservataire', id: reservataireId }, format(f)));
  }

  @ApiOperation({ summary: 'Télécharger le bilan consolidé du bailleur et par EPCI pour la CIL (équipes du bailleur)' })
  @Get(':id/consolide/:format')
  async consolide(@Scope() scope: AccessScope, @UuidParam() id: string, @Param('format') f: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.envoyer(res, await this.bilans.exporter(scope, id, { type: 'consolide' }, format(f)));
  }

  private envoyer(res: Response, fichier: { nom: string; type: string; contenu: Buffer }): StreamableFile {
    res.setHeader('Content-Type', fichier.type);
    res.setHeader('Content-Disposition', `attachment; filename="${fichier.nom}"`);
    return new StreamableFile(fichier.contenu);
  }
}
