import { Body, Controller, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BilanService, RequeteInvalideError, type AccessScope } from '@aiguillage/core';
import type { Response } from 'express';
import { Scope } from '../auth/auth.decorators';
import { ApiProtege, entier, instant, liste, objet, texte, uuid } from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
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

  @ApiPost({
    summary: 'Lancer le calcul du bilan annuel d’un bailleur dans un département (tâche de fond)',
    status: 202,
    schema: objet('La génération lancée : son identifiant et son statut'),
    erreurs: [404, 409],
  })
  generer(@Scope() scope: AccessScope, @Body() body: GenererBilanDto) {
    return this.bilans.demander(scope, body);
  }

  @ApiGet('generations/:id', {
    summary: 'Suivre une génération de bilan (statut, progression, instantané produit)',
    schema: objet('La génération : statut, progression, étape, instantané produit'),
  })
  generation(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.generation(scope, id);
  }

  @ApiGet({
    summary: 'Lister les bilans calculés (instantanés immuables)',
    schema: liste(SNAPSHOT_RESUME_SCHEMA),
    erreurs: [400],
  })
  liste(@Scope() scope: AccessScope, @Query() query: BilansQueryDto) {
    return this.bilans.liste(scope, query);
  }

  @ApiGet(':id', {
    summary: 'Lire un bilan (un réservataire n’en voit que sa part)',
    schema: objet('Le bilan : ses chiffres par convention et par réservataire'),
  })
  lire(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.bilans.lire(scope, id);
  }

  @ApiGet(':id/detail', {
    summary: 'Ouvrir un chiffre du bilan sur les logements et décisions qu’il compte',
    schema: objet('Les logements et décisions comptés par ce chiffre'),
  })
  detail(@Scope() scope: AccessScope, @UuidParam() id: string, @Query() query: DetailQueryDto) {
    return this.bilans.detail(scope, id, query);
  }

  @ApiGet(':id/reservataires/:reservataireId/:format', {
    summary: 'Télécharger le bilan d’un réservataire (xlsx, csv ou pdf)',
    fichier: 'application/octet-stream',
  })
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

  @ApiGet(':id/consolide/:format', {
    summary: 'Télécharger le bilan consolidé du bailleur et par EPCI pour la CIL (équipes du bailleur)',
    fichier: 'application/octet-stream',
  })
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
