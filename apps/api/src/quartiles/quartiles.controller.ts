import { Controller, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { QuartilesService, type AccessScope, type ImportSeuilsResult } from '@aiguillage/core';
import type { SeuilQuartile } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, entier, liste, objet, texte } from '../common/openapi';
import { ApiGet } from '../common/route';
import { ImportRoute, readCsvUpload } from '../imports/upload';
import { AnneeQuery } from '../common/dto';

const SEUIL_SCHEMA = objet('Un seuil de quartile (centimes par unité de consommation)', {
  territoire: texte,
  annee: entier,
  seuilQ1Centimes: entier,
  seuilQ2Centimes: entier,
  seuilQ3Centimes: entier,
  arrete: texte,
});
const IMPORT_SCHEMA = objet('Le compte rendu de l’import des seuils', {
  importes: entier,
  crees: entier,
  remplaces: entier,
  inchanges: entier,
  seuils: liste(SEUIL_SCHEMA),
});

export class SeuilsQueryDto {
  @AnneeQuery({ example: 2026, description: 'Année des arrêtés (toutes sans elle)' })
  annee?: number;
}

/**
 * Income quartile thresholds of the préfets' arrêtés (CCH L.441-1), per EPCI (or Île-de-France) and
 * year: read by every role (public data), imported from CSV by an ADMIN.
 */
@ApiTags('quartiles')
@ApiProtege()
@Controller('quartiles/seuils')
export class QuartilesController {
  constructor(private readonly quartiles: QuartilesService) {}

  @ApiGet({
    summary:
      "Seuils de quartile de ressources par EPCI (ou Île-de-France) et par année, en centimes d'euro par unité de consommation",
    schema: liste(SEUIL_SCHEMA),
    erreurs: [400],
  })
  lister(@Query() query: SeuilsQueryDto): Promise<SeuilQuartile[]> {
    return this.quartiles.lister(query.annee);
  }

  @Post('import')
  @Roles('ADMIN')
  @ImportRoute({
    summary:
      'Importer les seuils de quartile des arrêtés (CSV territoire;annee;seuil_q1[;seuil_q2;seuil_q3;arrete]), tout ou rien',
    schema: IMPORT_SCHEMA,
  })
  async importer(@Scope() scope: AccessScope, @Req() request: Request): Promise<ImportSeuilsResult> {
    return this.quartiles.importer(scope, await readCsvUpload(request));
  }
}
