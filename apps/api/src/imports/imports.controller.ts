import { Controller, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EDITOR_ROLES, ImportsService, STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import { LiberationFlowService } from '@aiguillage/core/liberations';
import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, entier, liste, objet, texte } from '../common/openapi';
import { UuidParam } from '../common/uuid-param.decorator';
import { ImportRoute, readCsvUpload, readUpload } from './upload';

export class ImportConventionsQueryDto {
  @ApiProperty({ description: 'Bailleur dont les conventions sont importées' })
  @IsUUID()
  bailleurId: string;
}

/** Counts, each an integer. */
const compteurs = (...noms: string[]) => Object.fromEntries(noms.map((nom) => [nom, entier]));
const ERREURS_LIGNES = liste(objet('Une ligne refusée', { ligne: entier, colonne: texte, message: texte }));
const RPLS_SCHEMA = objet('Le compte rendu de l’import RPLS', {
  ...compteurs('lignes', 'importees', 'inserees', 'misesAJour', 'inchangees', 'lignesEnErreur'),
  erreurs: ERREURS_LIGNES,
});
const LIBERATIONS_SCHEMA = objet('Le compte rendu de l’import des libérations', {
  ...compteurs('lignes', 'creees', 'existantes', 'lignesEnErreur'),
  erreurs: ERREURS_LIGNES,
});
const CONVENTIONS_SCHEMA = objet('Les conventions importées', {
  format: texte,
  ...compteurs('importees', 'creees', 'remplacees'),
  conventions: liste(objet('Une convention')),
});
const PROFILS_SCHEMA = objet('Les profils importés', {
  format: texte,
  ...compteurs('importes', 'crees', 'remplaces'),
  profils: liste(objet('Un profil de la demande')),
});

/**
 * File imports (ADMIN, MANAGER; the libérations file also CHARGE). The RPLS and libérations imports
 * report bad lines and import the rest; the others are all or nothing.
 */
@ApiTags('imports')
@ApiProtege()
@Roles(...EDITOR_ROLES)
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly flow: LiberationFlowService,
  ) {}

  /** RPLS extract (CSV, either public layout, UTF-8 or Latin-1) → the bailleur's flats, idempotent on the RPLS id. */
  @Post('bailleurs/:id/rpls')
  @ImportRoute({
    summary: 'Importe un extrait RPLS (CSV) : les logements du bailleur, lignes en erreur signalées',
    schema: RPLS_SCHEMA,
    erreurs: [404],
  })
  async rpls(@Scope() scope: AccessScope, @UuidParam() bailleurId: string, @Req() request: Request) {
    return this.imports.rpls(scope, bailleurId, await readCsvUpload(request));
  }

  /**
   * Libérations of a bailleur (CSV keyed by RPLS id or logement uuid; see docs/imports.md): each line
   * declared through the live flow (idempotent on the flat and day, recommendation pushed), bad lines
   * reported. Chargés declare libérations: the method's roles override the class's.
   */
  @Post('bailleurs/:id/liberations/import')
  @Roles(...STAFF_ROLES)
  @ImportRoute({
    summary: 'Importe les libérations d’un bailleur (CSV), chacune déclarée dans le flux, lignes en erreur signalées',
    schema: LIBERATIONS_SCHEMA,
    erreurs: [404],
  })
  async liberations(@Scope() scope: AccessScope, @UuidParam() bailleurId: string, @Req() request: Request) {
    return this.imports.liberations(scope, bailleurId, await readCsvUpload(request), (s, input, key, champ) =>
      this.flow.declare(s, input, key, champ),
    );
  }

  /** Conventions of a bailleur (CSV or JSON; see docs/imports.md), all or nothing. */
  @Post('conventions/import')
  @ImportRoute({
    summary: 'Importe les conventions d’un bailleur (CSV ou JSON), tout ou rien',
    schema: CONVENTIONS_SCHEMA,
    json: true,
    erreurs: [404],
  })
  async conventions(@Scope() scope: AccessScope, @Query() query: ImportConventionsQueryDto, @Req() request: Request) {
    const upload = await readUpload(request);
    return this.imports.conventions(scope, query.bailleurId, upload.input, upload.format);
  }

  /**
   * Demand profiles of réservataires (CSV or JSON), all or nothing. A profile is shared by the
   * bailleurs of its réservataire: ADMIN only, covering all of them (ImportsService.profils).
   */
  @Post('profils-demande/import')
  @Roles('ADMIN')
  @ImportRoute({
    summary: 'Importe les profils de la demande des réservataires (CSV ou JSON), tout ou rien',
    schema: PROFILS_SCHEMA,
    json: true,
    erreurs: [404],
  })
  async profils(@Scope() scope: AccessScope, @Req() request: Request) {
    const upload = await readUpload(request);
    return this.imports.profils(scope, upload.input, upload.format);
  }
}
