import { Injectable } from '@nestjs/common';
import type { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { assertBailleur, type AccessScope } from '../auth/access-scope';
import { importLiberations, type DeclarerLiberation, type ImportLiberationsResult } from '../import/liberations/liberations-import.service';
import { importConventions, type ImportConventionsResult } from '../import/conventions/conventions-import.service';
import { importProfils, type ImportProfilsResult } from '../import/profils/profils-import.service';
import { importRpls, type ImportRplsResult } from '../import/rpls/rpls-import.service';
import type { EntreeStructuree, FormatStructure } from '../import/structured/entree';

/**
 * File imports, scoped to the caller's bailleurs: the RPLS patrimoine (streamed, batched, bad lines
 * reported and skipped), conventions (all or nothing), demand profiles (all or nothing) and libérations
 * (each line through the live flow, bad lines reported).
 */
@Injectable()
export class ImportsService {
  constructor(private readonly dataSource: DataSource) {}

  rpls(scope: AccessScope, bailleurId: string, input: Readable): Promise<ImportRplsResult> {
    assertBailleur(scope, bailleurId);
    return importRpls({ dataSource: this.dataSource, bailleurId, input });
  }

  conventions(scope: AccessScope, bailleurId: string, input: EntreeStructuree, format?: FormatStructure): Promise<ImportConventionsResult> {
    assertBailleur(scope, bailleurId);
    return importConventions({ dataSource: this.dataSource, bailleurId, input, format });
  }

  /**
   * A file of libérations (keyed by RPLS id or logement uuid), each line declared through the live
   * flow's `declare` (passed by the adapter: the flow's services live in the FlowCoreModule).
   */
  liberations(scope: AccessScope, bailleurId: string, input: Readable, declare: DeclarerLiberation): Promise<ImportLiberationsResult> {
    assertBailleur(scope, bailleurId);
    return importLiberations({ dataSource: this.dataSource, scope, bailleurId, input, declare });
  }

  profils(input: EntreeStructuree, format?: FormatStructure): Promise<ImportProfilsResult> {
    return importProfils({ dataSource: this.dataSource, input, format });
  }
}
