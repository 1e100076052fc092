import type { LogementRpls } from './rpls-row';
import type { RplsLayout } from './rpls-layout';

/**
 * A small RPLS CSV writer (both public layouts), used by the import benchmark and to build test
 * fixtures. It writes the columns the importer reads plus the usual address / label columns, so a
 * written file looks like a real SDES extract.
 */
export interface LigneAEcrire {
  logement: LogementRpls;
  communeNom?: string;
  epciNom?: string;
  codePostal?: string;
  numVoie?: string;
  typVoie?: string;
  nomVoie?: string;
  numAppt?: string;
  /** 'C' collectif or 'I' individuel. */
  typeConst?: 'C' | 'I';
}

export interface RplsWriterOptions {
  layout: RplsLayout;
  delimiter?: ';' | ',';
  /** Header of the identifier column; null writes no identifier (public extract). Default 'RPLS_ID'. */
  idColumn?: string | null;
  /** End of line (default '\n'). */
  eol?: string;
}

type Cell = (l: LigneAEcrire, decimal: string) => string;

const yesNo = (v: boolean | null) => (v === null ? '' : v ? '1' : '0');
const hundredths = (v: number, decimal: string) => {
  const [int, frac = ''] = (v / 100).toFixed(2).split('.');
  return frac === '00' ? int : `${int}${decimal}${frac}`;
};
const surface: Cell = ({ logement: l }, d) =>
  l.surfaceM2 === null ? '' : hundredths(Math.round(l.surfaceM2 * 100), d);
const loyer: Cell = ({ logement: l }, d) => (l.loyerCentimes === null ? '' : hundredths(l.loyerCentimes, d));
const pieces: Cell = ({ logement: l }) => l.typologie.slice(1);
const finan: Cell = ({ logement: l }) =>
  l.financementCode ?? { PLAI: '10', PLUS: '13', PLS: '14', PLI: '16', AUTRE: '49' }[l.financement];
const num = (v: number | null) => (v === null ? '' : String(v));

const ADDRESS: [string, Cell][] = [
  ['CODEPOSTAL', (l) => l.codePostal ?? ''],
  ['NUMVOIE', (l) => l.numVoie ?? ''],
  ['TYPVOIE', (l) => l.typVoie ?? ''],
  ['NOMVOIE', (l) => l.nomVoie ?? ''],
  ['ETAGE', ({ logement: l }) => num(l.etage)],
  ['NUMAPPT', (l) => l.numAppt ?? ''],
];

const LAYOUT_COLUMNS: Record<RplsLayout, [string, Cell][]> = {
  ANCIEN: [
    ['DEP', ({ logement: l }) => l.departement],
    ['DEPCOM', ({ logement: l }) => l.commune],
    ['LIBCOM', (l) => l.communeNom ?? ''],
    ['EPCI', ({ logement: l }) => l.epci ?? ''],
    ...ADDRESS,
    ['QPV', ({ logement: l }) => (l.qpv ? '1' : '0')],
    ['CODEQPV', ({ logement: l }) => l.qpvCode ?? ''],
    ['TYPECONST', (l) => l.typeConst ?? 'C'],
    ['NBPIECE', pieces],
    ['SURFHAB', surface],
    ['CONSTRUCT', ({ logement: l }) => num(l.anneeConstruction)],
    ['FINAN', finan],
    ['CONV', () => '1'],
    ['ASCENSEUR', ({ logement: l }) => yesNo(l.ascenseur)],
    ['LOYERPRINC', loyer],
  ],
  NOUVEAU: [
    ['DEP_CODE', ({ logement: l }) => l.departement],
    ['EPCI_CODE', ({ logement: l }) => l.epci ?? ''],
    ['EPCI_LIBELLE', (l) => l.epciNom ?? ''],
    ['DEPCOM_CODE', ({ logement: l }) => l.commune],
    ['DEPCOM_LIBELLE', (l) => l.communeNom ?? ''],
    ...ADDRESS,
    [
      'QPV_CODE',
      ({ logement: l }) => {
        if (l.qpv && !l.qpvCode) throw new Error(`logement ${l.rplsId} : la disposition NOUVEAU exige le code du QPV`);
        return l.qpvCode ?? 'HQPV';
      },
    ],
    ['TYPECONST_CODE', (l) => l.typeConst ?? 'C'],
    ['NBPIECE', pieces],
    ['SURFHAB', surface],
    ['CONSTRUCT', ({ logement: l }) => num(l.anneeConstruction)],
    ['FINAN_CODE', finan],
    ['CONV_CODE', () => '1'],
    ['ASCENSEUR_CODE', ({ logement: l }) => yesNo(l.ascenseur)],
    ['PMR_CODE', ({ logement: l }) => yesNo(l.pmr)],
    ['LOYERPRINC', loyer],
  ],
};

export class RplsCsvWriter {
  private readonly columns: [string, Cell][];
  private readonly delimiter: string;
  private readonly decimal: string;
  private readonly eol: string;

  constructor(options: RplsWriterOptions) {
    const idColumn = options.idColumn === undefined ? 'RPLS_ID' : options.idColumn;
    const id: [string, Cell][] = idColumn ? [[idColumn, ({ logement: l }) => l.rplsId]] : [];
    this.columns = [...id, ...LAYOUT_COLUMNS[options.layout]];
    this.delimiter = options.delimiter ?? ';';
    this.decimal = this.delimiter === ';' ? ',' : '.';
    this.eol = options.eol ?? '\n';
  }

  header(): string {
    return this.columns.map(([name]) => name).join(this.delimiter) + this.eol;
  }

  line(ligne: LigneAEcrire): string {
    return this.columns.map(([, cell]) => this.quote(cell(ligne, this.decimal))).join(this.delimiter) + this.eol;
  }

  private quote(value: string): string {
    return value.includes(this.delimiter) || value.includes('"') || value.includes('\n')
      ? `"${value.replace(/"/g, '""')}"`
      : value;
  }
}

/** Lines of a whole file, grouped into chunks of about `chunkLines` lines (for a back-pressured stream). */
export function* rplsCsvChunks(
  writer: RplsCsvWriter,
  lignes: Iterable<LigneAEcrire>,
  chunkLines = 1000,
): Generator<string> {
  let chunk = writer.header();
  let n = 0;
  for (const l of lignes) {
    chunk += writer.line(l);
    if (++n % chunkLines === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
