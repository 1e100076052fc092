/**
 * A flat as a person reads it (the console, the Slack messages): its codes with the commune's and the
 * résidence's names. Imports nothing, so that the console can import the type too.
 */
export interface LogementLuRow {
  id: string;
  rplsId: string;
  commune: string;
  communeNom: string | null;
  /** The programme (résidence) the flat belongs to: the address the patrimoine knows. */
  adresse: string | null;
  typologie: string;
  qpv: boolean;
  financement: string;
  etage: number | null;
  ascenseur: boolean | null;
  pmr: boolean | null;
}

/** The SELECT list of a `LogementLuRow`: the flat aliased `lg`, its commune and programme joined by `LOGEMENT_LU_JOINS`. */
export const LOGEMENT_LU_SELECT = `lg.id, lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", pg.nom AS adresse, lg.typologie,
  lg.qpv, lg.financement, lg.etage, lg.ascenseur, lg.pmr`;

export const LOGEMENT_LU_JOINS = `LEFT JOIN commune cm ON cm.insee = lg.commune LEFT JOIN programme pg ON pg.id = lg.programme_id`;
