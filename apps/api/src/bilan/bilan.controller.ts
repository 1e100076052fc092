import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BilanService, RequeteInvalideError, type AccessScope } from '@aiguillage/core';
import type { Response } from 'express';
import { Scope } from '../auth/auth.decorators';
import { ApiProtege, ApiRoute, entier, instant, liste, objet, texte, uuid } from '../common/openapi';
import { UuidParam } from '../common/uuid-param.decorator';
import { BilansQueryDto, DetailQueryDto, FORMATS, GenererBilanDto } from './bilan.dto';

/** One computed bilan in the list (a snapshot, without its content). */
const SNAPSHOT_RESUME_SCHEMA = objet('Un bilan calculé', {
  id: uuid,
  bailleurId: uuid,
  departement: { ...texte, example: '93' },
  annee: { ...entier, example: 2025 },
  versionEvenements: { ...texte, description: 'Dernier événement journalisé pris en compte' },
  hash: { ...texte, description: 'Empreinte SHA-256 du contenu' },
  lignes: { ...entier, description: 'Libérations comptées' },
  createdAt: instant,
  calculePar: {
    ...texte,
    nullable: true,
    example: 'Claire Dubois',
    description: 'Nom de la personne qui a lancé le calcul ; null pour un traitement automatique',
  },
});

function format(value: string): (typeof FORMATS)[number] {
  if (!(FORMATS as readonly string[]).includes(value))
    throw new RequeteInvalideError([{ champ: 'format', raison: `doit valoir ${FORMATS.join(', ')}` }]);
  return value as (typeof FORMATS)[number];
}

/** The annual bilan: generation (background job), progress, list, reading, downloads, drill-down. */
@ApiTags('bilans')
@ApiProtege()
@Controller('bilans')
export class BilanController {
  constructor(private readonly bilans: BilanService) {}

  @ApiRoute({
    summary: 'Lancer le calcul du bilan annuel d’un bailleur dans un département (tâche de fond)',
    status: 202,
    schema: objet('La génération lancée : son identifiant et son statut'),
    erreurs: [400, 404, 409],
  })
  @Post()
  @HttpCode(202)
  generer(@Scope() scope: AccessScope, @Body() body: GenererBilanDto) {
    return this.bilans.demander(scope, body);
  }

  @ApiRoute({
    summary: 'Suivre une génération de bilan (statut, progression, instantané produit)',
    schema: objet('La génération : statut, progression, étape, instantané produit'),
    erreurs: [400, 404],
  })
  @Get('generations/:id')
  generation(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.generation(scope, id);
  }

  @ApiRoute({
    summary: 'Lister les bilans calculés (instantanés immuables)',
    schema: liste(SNAPSHOT_RESUME_SCHEMA),
    erreurs: [400],
  })
  @Get()
  liste(@Scope() scope: AccessScope, @Query() query: BilansQueryDto) {
    return this.bilans.liste(scope, query);
  }

  @ApiRoute({
    summary: 'Lire un bilan (un réservataire n’en voit que sa part)',
    schema: objet('Le bilan : ses chiffres par convention et par réservataire'),
    erreurs: [400, 404],
  })
  @Get(':id')
  lire(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.lire(scope, id);
  }

  @ApiRoute({
    summary: 'Ouvrir un chiffre du bilan sur les logements et décisions qu’il compte',
    schema: objet('Les logements et décisions comptés par ce chiffre'),
    erreurs: [400, 404],
  })
  @Get(':id/detail')
  detail(@Scope() scope: AccessScope, @UuidParam() id: string, @Query() query: DetailQueryDto) {
    return this.bilans.detail(scope, id, query);
  }

  @ApiRoute({
    summary: 'Télécharger le bilan d’un réservataire (xlsx, csv ou pdf)',
    fichier: 'application/octet-stream',
    erreurs: [400, 404],
  })
  @Get(':id/reservataires/:reservataireId/:format')
  async reservataire(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @UuidParam('reservataireId') reservataireId: string,
    @Param('format') f: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.envoyer(
      res,
      await this.bilans.exporter(scope, id, { type: 'reservataire', id: reservataireId }, format(f)),
    );
  }

  @ApiRoute({
    summary: 'Télécharger le bilan consolidé du bailleur et par EPCI pour la CIL (équipes du bailleur)',
    fichier: 'application/octet-stream',
    erreurs: [400, 404],
  })
  @Get(':id/consolide/:format')
  async consolide(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Param('format') f: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.envoyer(res, await this.bilans.exporter(scope, id, { type: 'consolide' }, format(f)));
  }

  private envoyer(res: Response, fichier: { nom: string; type: string; contenu: Buffer }): StreamableFile {
    res.setHeader('Content-Type', fichier.type);
    res.setHeader('Content-Disposition', `attachment; filename="${fichier.nom}"`);
    return new StreamableFile(fichier.contenu);
  }
}
