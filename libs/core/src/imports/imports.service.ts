import { Injectable } from '@nestjs/common';
import type { Readable } from 'stream';
import { ConventionRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError } from '../errors/domain-errors';
import {
  importLiberations,
  type DeclarerDansLeFlux,
  type ImportLiberationsResult,
} from '../liberations/liberations-import.service';
import { importConventions, type ImportConventionsResult } from './conventions/conventions-import.service';
import { importProfils, type ImportProfilsResult } from './profils/profils-import.service';
import { importRpls, type ImportRplsResult } from './rpls/rpls-import.service';
import type { EntreeStructuree, FormatStructure } from './structured/entree';

/**
 * File imports, scoped to the caller's bailleurs: the RPLS patrimoine (streamed, batched, bad lines
 * reported and skipped), conventions (all or nothing), demand profiles (all or nothing) and libérations
 * (each line through the live flow, bad lines reported).
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conventionsRepo: ConventionRepository,
  ) {}

  rpls(scope: AccessScope, bailleurId: string, input: Readable): Promise<ImportRplsResult> {
    assertBailleur(scope, bailleurId);
    return importRpls({ dataSource: this.dataSource, bailleurId, input });
  }

  conventions(
    scope: AccessScope,
    bailleurId: string,
    input: EntreeStructuree,
    format?: FormatStructure,
  ): Promise<ImportConventionsResult> {
    assertBailleur(scope, bailleurId);
    return importConventions({ dataSource: this.dataSource, bailleurId, input, format });
  }

  /**
   * A file of libérations (keyed by RPLS id or logement uuid), each line declared through the live
   * flow's `declare` (passed by the adapter: the flow's services live in the FlowCoreModule).
   */
  liberations(
    scope: AccessScope,
    bailleurId: string,
    input: Readable,
    declare: DeclarerDansLeFlux,
  ): Promise<ImportLiberationsResult> {
    assertBailleur(scope, bailleurId);
    return importLiberations({ dataSource: this.dataSource, scope, bailleurId, input, declare });
  }

  /**
   * Demand profiles. A réservataire's profile is shared by every bailleur it holds a convention
   * with (each one's recommendations weigh it): those bailleurs own it together, so it is replaced
   * only by an ADMIN whose perimeter covers all of them (403 naming the others otherwise). A
   * réservataire without any convention yet belongs to no bailleur: any ADMIN may load its profile.
   */
  profils(scope: AccessScope, input: EntreeStructuree, format?: FormatStructure): Promise<ImportProfilsResult> {
    return importProfils({
      dataSource: this.dataSource,
      input,
      format,
      autoriser: (ids) => this.assertProfilsOwned(scope, ids),
    });
  }

  private async assertProfilsOwned(scope: AccessScope, reservataireIds: string[]): Promise<void> {
    const foreign = await this.conventionsRepo.autresBailleursDesReservataires(reservataireIds, scope.bailleurIds);
    if (foreign.length === 0) return;
    const detail = foreign.map((f) => `${f.reservataire} (aussi partagé avec ${f.bailleurs.join(', ')})`).join(' ; ');
    throw new AccesInterditError(
      `Accès refusé : un profil de demande est partagé par tous les bailleurs du réservataire ; seul un administrateur de tous ces bailleurs peut le remplacer : ${detail}`,
    );
  }
}
