import { Injectable } from '@nestjs/common';
import { REGION_IDF, SeuilQuartileRepository, type SeuilQuartile } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import type { AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError } from '../errors/domain-errors';
import type { EntreeStructuree } from '../imports/structured/entree';
import { importSeuilsQuartiles, type ImportSeuilsResult } from './seuils-import';

/**
 * The income quartile thresholds of the préfets' arrêtés (CCH L.441-1), per EPCI (or Île-de-France)
 * and year: public data every bailleur's candidates are measured against.
 */
@Injectable()
export class QuartilesService {
  constructor(private readonly dataSource: DataSource) {}

  lister(annee?: number): Promise<SeuilQuartile[]> {
    return new SeuilQuartileRepository(this.dataSource).lister(annee);
  }

  /**
   * CSV import, all or nothing. A new threshold, or the same one again, is any ADMIN's to load (the
   * figure is the arrêté's, public); changing a stored one weighs on every bailleur with flats on
   * that territory: only an ADMIN whose perimeter covers all of them may (403 naming the others).
   */
  importer(scope: AccessScope, input: EntreeStructuree): Promise<ImportSeuilsResult> {
    return importSeuilsQuartiles({
      dataSource: this.dataSource,
      input,
      autoriser: (remplaces) => this.assertRemplacables(scope, remplaces),
    });
  }

  private async assertRemplacables(scope: AccessScope, remplaces: SeuilQuartile[]): Promise<void> {
    if (remplaces.length === 0) return;
    const territoires = [...new Set(remplaces.map((s) => s.territoire))];
    const autres = await new SeuilQuartileRepository(this.dataSource).autresBailleurs(territoires, scope.bailleurIds);
    if (autres.length === 0) return;
    const nom = (a: (typeof autres)[number]) =>
      a.territoire === REGION_IDF ? 'Île-de-France' : (a.nom ?? `EPCI ${a.territoire}`);
    const detail = autres.map((a) => `${nom(a)} (aussi ${a.bailleurs.join(', ')})`).join(' ; ');
    throw new AccesInterditError(
      `Accès refusé : modifier un seuil de quartile déjà enregistré change les quartiles de tous les bailleurs du territoire ; seul un administrateur de tous ces bailleurs le peut : ${detail}`,
    );
  }
}
