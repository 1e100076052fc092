/**
 * The two public layouts of the RPLS "données détaillées au logement" files (SDES), and the
 * column names each field of a Logement is read from.
 *
 * - ANCIEN (millésimes up to 2020): bare variable names, `DEPCOM`, `LIBCOM`, `QPV` (1 in QPV, 0/2
 *   hors QPV), `TYPECONST`, `NBPIECE`, `SURFHAB`, `CONSTRUCT`, `FINAN`, `CONV`...
 * - NOUVEAU (DiDo exports, 2021 on): coded variables get `_CODE`/`_LIBELLE` pairs: `REG_CODE`,
 *   `EPCI_CODE`, `DEPCOM_CODE`, `DEPCOM_LIBELLE`, `QPV_CODE` (the quartier's code, empty or
 *   "HQPV" hors QPV), `TYPECONST_CODE`, `FINAN_CODE`, `PMR_CODE`...
 *
 * Header names are matched case-insensitively. The flat's identifier is read from the first of
 * `ID_COLUMNS` present (the bailleur's own RPLS collection export carries it); public open-data
 * extracts carry none, so a stable identifier is then derived from the address columns.
 */
export const RPLS_LAYOUTS = ['ANCIEN', 'NOUVEAU'] as const;
export type RplsLayout = (typeof RPLS_LAYOUTS)[number];

export const ID_COLUMNS = [
  'RPLS_ID',
  'IDENT_REP',
  'IDENT_INT',
  'NUMLOG',
  'RS_LOGEMENT',
  'ID_LOGEMENT',
  'IDLOG',
  'IDENTIFIANT',
];

/** Address columns whose values identify a flat when the file carries no identifier column. */
export const ADDRESS_COLUMNS = [
  'DEPCOM_CODE',
  'DEPCOM',
  'CODEPOSTAL',
  'NUMVOIE',
  'INDREP',
  'TYPVOIE',
  'NOMVOIE',
  'LIEUDIT',
  'IMMEU',
  'BAT',
  'ENTREE',
  'ESCALIER',
  'ETAGE',
  'NUMAPPT',
  'NUMBOITE',
  'COMPLIDENT',
  'COMPLGEO',
];

export type ChampRpls =
  | 'commune'
  | 'communeNom'
  | 'epci'
  | 'epciNom'
  | 'qpv'
  | 'qpvCode'
  | 'nbPieces'
  | 'surface'
  | 'construction'
  | 'finan'
  | 'etage'
  | 'ascenseur'
  | 'pmr'
  | 'loyer';

/** Candidate column names of each field, newer name first. */
export const RPLS_COLUMNS: Record<ChampRpls, string[]> = {
  commune: ['DEPCOM_CODE', 'DEPCOM'],
  communeNom: ['DEPCOM_LIBELLE', 'LIBCOM'],
  epci: ['EPCI_CODE', 'EPCI', 'CODE_EPCI'],
  epciNom: ['EPCI_LIBELLE', 'LIBEPCI'],
  /** A yes/no flag (ANCIEN); NOUVEAU files only carry the code. */
  qpv: ['QPV'],
  qpvCode: ['QPV_CODE', 'CODEQPV', 'CODE_QPV', 'PLG_QPV', 'PLG_CODEQP'],
  nbPieces: ['NBPIECE'],
  surface: ['SURFHAB'],
  construction: ['CONSTRUCT'],
  finan: ['FINAN_CODE', 'FINAN'],
  etage: ['ETAGE'],
  ascenseur: ['ASCENSEUR_CODE', 'ASCENSEUR'],
  pmr: ['PMR_CODE', 'PMR'],
  loyer: ['LOYERPRINC'],
};

/** Columns a header must have to be read as each layout. */
const SIGNATURES: Record<RplsLayout, string[][]> = {
  ANCIEN: [['DEPCOM'], ['QPV'], ['NBPIECE'], ['FINAN']],
  NOUVEAU: [['DEPCOM_CODE', 'DEPCOM'], ['QPV_CODE'], ['NBPIECE'], ['FINAN_CODE']],
};

export interface ResolvedLayout {
  layout: RplsLayout;
  /** Index of each field's column in the record (-1 when absent). */
  index: Record<ChampRpls, number>;
  /** Index of the identifier column, or -1 when identifiers are derived from the address. */
  idIndex: number;
  idColumn: string | null;
  addressIndexes: number[];
  /** Column name of each field as written in the file's header (for error messages). */
  names: Record<ChampRpls, string>;
}

export function normalizeHeader(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .trim()
    .toUpperCase();
}

/**
 * Detects the layout from a header, or returns the French reason it matches neither.
 */
export function resolveLayout(rawHeader: string[]): ResolvedLayout | { refus: string } {
  const header = rawHeader.map(normalizeHeader);
  const has = (name: string) => header.includes(name);
  const missing = (layout: RplsLayout) =>
    SIGNATURES[layout].filter((alts) => !alts.some(has)).map((alts) => alts.join(' ou '));
  // NOUVEAU first: a DiDo export may also carry bare names next to the coded ones.
  const layout = RPLS_LAYOUTS.slice()
    .reverse()
    .find((l) => missing(l).length === 0);
  if (!layout) {
    const closest = missing('NOUVEAU').length <= missing('ANCIEN').length ? 'NOUVEAU' : 'ANCIEN';
    return {
      refus:
        `En-tête RPLS non reconnu : ni la disposition ancienne (DEPCOM, QPV, NBPIECE, FINAN…) ni la nouvelle ` +
        `(DEPCOM_CODE, QPV_CODE, NBPIECE, FINAN_CODE…). Colonnes manquantes pour la disposition ${closest.toLowerCase()} : ` +
        `${missing(closest).join(', ')}.`,
    };
  }
  const find = (names: string[]) => {
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const index = {} as Record<ChampRpls, number>;
  const names = {} as Record<ChampRpls, string>;
  for (const champ of Object.keys(RPLS_COLUMNS) as ChampRpls[]) {
    index[champ] = find(RPLS_COLUMNS[champ]);
    names[champ] = index[champ] >= 0 ? rawHeader[index[champ]].trim() : RPLS_COLUMNS[champ][0];
  }
  const idIndex = find(ID_COLUMNS);
  const addressIndexes = ADDRESS_COLUMNS.map((c) => header.indexOf(c)).filter((i) => i >= 0);
  if (idIndex < 0 && !has('NOMVOIE') && !has('NUMAPPT')) {
    return {
      refus: `Aucune colonne d'identifiant du logement (${ID_COLUMNS.join(', ')}) ni d'adresse (NOMVOIE, NUMAPPT…) : impossible d'identifier les logements.`,
    };
  }
  return { layout, index, names, idIndex, idColumn: idIndex >= 0 ? rawHeader[idIndex].trim() : null, addressIndexes };
}
