import { createHash } from 'node:crypto';
import type { Financement, Logement, Typologie } from '@aiguillage/engine';
import { ErreurLigne, ValeurInvalideError } from '../csv/errors';
import { isBlank, parseBooleen, parseCentiemes, parseEntier } from '../csv/values';
import type { ChampRpls, ResolvedLayout } from './rpls-layout';

export type { LigneRpls, LogementRpls } from '@aiguillage/persistence';
import type { LigneRpls, LogementRpls } from '@aiguillage/persistence';

/** RPLS FINAN nomenclature → contract financement. */
const FINAN: Record<string, Financement> = {
  '10': 'PLAI', // PLA d'intégration
  '11': 'PLAI', // PLA LM, PLA TS, PLA insertion
  '12': 'PLUS', // PLA ordinaire
  '13': 'PLUS',
  '14': 'PLS', // PLS, PPLS, PCLS
  '15': 'AUTRE', // PLA CFF
  '16': 'PLI',
  '17': 'AUTRE', // PCL
  '49': 'AUTRE', // autre financement à partir de 1977
  '50': 'AUTRE', // HBM
  '51': 'AUTRE', // PLR, PSR
  '52': 'AUTRE', // HLM/O
  '53': 'AUTRE', // ILM
  '54': 'AUTRE', // ILN
  '55': 'AUTRE', // autre financement avant 1977
  '99': 'AUTRE', // sans financement / non renseigné
};
/** Codes that map one-to-one to their financement (nothing more to keep); the raw code is kept for the others. */
const FINAN_CANONIQUE = new Set(['10', '13', '14', '16']);

/** Values of a QPV code column meaning "hors QPV". */
const HORS_QPV = new Set(['', '0', '2', 'HQPV', 'HORS QPV', 'HORSQPV', 'HORS_QPV', 'NON', 'N', 'SO', 'NR', '-']);

const INSEE = /^(\d{5}|2[AB]\d{3})$/;
const SIREN = /^\d{9}$/;
const QPV_CODE = /^[A-Z0-9]{2,16}$/;
const RPLS_ID = /^[\w.\-/]{1,32}$/;

export function typologieFromPieces(pieces: number): Typologie {
  return `T${Math.min(pieces, 6)}` as Typologie;
}

/** Département of an INSEE commune code: 2 characters, 3 overseas (97x). */
export function departementOf(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

export interface RowMapperOptions {
  /** Latest acceptable construction year (default: current year + 5). */
  anneeMax?: number;
}

/**
 * Maps one CSV record of a resolved layout to a Logement's RPLS fields; returns the first error
 * found, with its column, instead when a value is invalid.
 */
export function createRowMapper(resolved: ResolvedLayout, options: RowMapperOptions = {}) {
  const { index, names, idIndex, addressIndexes } = resolved;
  const anneeMax = options.anneeMax ?? new Date().getUTCFullYear() + 5;

  return (ligne: number, champs: string[]): LigneRpls | ErreurLigne => {
    let current: ChampRpls | 'id' = 'id';
    const get = (champ: ChampRpls): string => {
      current = champ;
      const i = index[champ];
      return i < 0 ? '' : champs[i].trim();
    };
    const required = (champ: ChampRpls, what: string): string => {
      const v = get(champ);
      if (v === '') throw new ValeurInvalideError(`${what} manquant`);
      return v;
    };
    try {
      const rplsId = idIndex >= 0 ? champs[idIndex].trim() : addressId(champs, addressIndexes);
      if (!rplsId) throw new ValeurInvalideError('identifiant du logement manquant');
      if (!RPLS_ID.test(rplsId))
        throw new ValeurInvalideError(
          `« ${rplsId} » n'est pas un identifiant RPLS valide (32 caractères au plus, lettres, chiffres, . - _ /)`,
        );

      let commune = required('commune', 'code INSEE de la commune').toUpperCase();
      if (/^\d{4}$/.test(commune)) commune = `0${commune}`; // leading zero lost by a spreadsheet
      if (!INSEE.test(commune)) throw new ValeurInvalideError(`« ${commune} » n'est pas un code INSEE de commune`);

      const epciRaw = get('epci').toUpperCase();
      let epci: string | null = null;
      if (epciRaw !== '' && epciRaw !== 'ZZZZZZZZZ') {
        if (!SIREN.test(epciRaw))
          throw new ValeurInvalideError(`« ${epciRaw} » n'est pas un SIREN d'EPCI (9 chiffres)`);
        epci = epciRaw;
      }

      const codeRaw = get('qpvCode').toUpperCase();
      const code = HORS_QPV.has(codeRaw) ? null : codeRaw;
      if (code !== null && !QPV_CODE.test(code))
        throw new ValeurInvalideError(`« ${codeRaw} » n'est pas un code de quartier prioritaire`);
      let qpv = code !== null;
      let qpvCode = code;
      const flag = get('qpv').toUpperCase();
      if (flag !== '') {
        // ANCIEN layout: the flag decides (a code left on a flat declared hors QPV is dropped);
        // some extracts write the quartier's code in the QPV column itself.
        if (/^Q[A-Z]\d/.test(flag) && QPV_CODE.test(flag)) {
          qpv = true;
          qpvCode = code ?? flag;
        } else {
          qpv = parseBooleen(flag, 'QPV');
          if (!qpv) qpvCode = null;
        }
      }

      const pieces = parseEntier(required('nbPieces', 'nombre de pièces'), 'un nombre de pièces', { min: 1, max: 99 });

      const finan = required('finan', 'code de financement');
      const financement = FINAN[finan];
      if (!financement)
        throw new ValeurInvalideError(`« ${finan} » n'est pas un code de financement RPLS (10 à 17, 49 à 55, 99)`);

      const surfaceRaw = get('surface');
      let surfaceM2: number | null = null;
      if (surfaceRaw !== '') {
        const centiemes = parseCentiemes(surfaceRaw, 'une surface habitable');
        if (centiemes <= 0 || centiemes >= 100_000)
          throw new ValeurInvalideError(
            `« ${surfaceRaw} » : la surface habitable doit être comprise entre 0 et 1 000 m²`,
          );
        surfaceM2 = centiemes / 100;
      }

      const constructRaw = get('construction');
      const anneeConstruction =
        constructRaw === ''
          ? null
          : parseEntier(constructRaw, 'une année de construction', { min: 1700, max: anneeMax });

      const etageRaw = get('etage').toUpperCase();
      const etage =
        etageRaw === ''
          ? null
          : etageRaw === 'RC' || etageRaw === 'RDC'
            ? 0
            : parseEntier(etageRaw, 'un étage', { min: -9, max: 199 });

      const ascenseurRaw = get('ascenseur');
      const ascenseur = isBlank(ascenseurRaw) ? null : parseBooleen(ascenseurRaw, 'l’ascenseur');
      const pmrRaw = get('pmr');
      const pmr = isBlank(pmrRaw) ? null : parseBooleen(pmrRaw, 'l’accessibilité PMR');

      const loyerRaw = get('loyer');
      let loyerCentimes: number | null = null;
      if (loyerRaw !== '') {
        loyerCentimes = parseCentiemes(loyerRaw, 'un loyer en euros');
        if (loyerCentimes < 0) throw new ValeurInvalideError(`« ${loyerRaw} » : le loyer doit être positif`);
        if (loyerCentimes > 100_000_00)
          throw new ValeurInvalideError(`« ${loyerRaw} » : loyer mensuel invraisemblable (plus de 100 000 €)`);
      }

      current = 'id';
      return {
        ligne,
        logement: {
          rplsId,
          commune,
          epci,
          departement: departementOf(commune),
          qpv,
          qpvCode,
          typologie: typologieFromPieces(pieces),
          financement,
          financementCode: FINAN_CANONIQUE.has(finan) ? null : finan,
          anneeConstruction,
          etage,
          ascenseur,
          pmr,
          surfaceM2,
          loyerCentimes,
        },
        communeNom: get('communeNom') || null,
        epciNom: get('epciNom') || null,
      };
    } catch (e) {
      if (!(e instanceof ValeurInvalideError)) throw e;
      const colonne = current === 'id' ? (resolved.idColumn ?? 'identifiant (adresse)') : names[current];
      return { ligne, colonne, message: e.message };
    }
  };
}

/** Stable identifier of a flat from its address, for public extracts without an identifier column. */
function addressId(champs: string[], indexes: number[]): string {
  const key = indexes.map((i) => champs[i].trim().toUpperCase()).join('|');
  if (!key.replace(/\|/g, '')) return '';
  return `ADR-${createHash('sha1').update(key).digest('hex').slice(0, 24)}`;
}

/** The RPLS fields of a contract Logement (e.g. the demo's patrimoine, to write it as an RPLS file). */
export function versLogementRpls(l: Logement): LogementRpls {
  return {
    rplsId: l.rplsId,
    commune: l.commune,
    epci: l.epci ?? null,
    departement: l.departement,
    qpv: l.qpv,
    qpvCode: l.qpvCode ?? null,
    typologie: l.typologie,
    financement: l.financement,
    financementCode: l.financementCode ?? null,
    anneeConstruction: l.anneeConstruction ?? null,
    etage: l.etage ?? null,
    ascenseur: l.ascenseur ?? null,
    pmr: l.pmr ?? null,
    surfaceM2: l.surfaceM2 ?? null,
    loyerCentimes: l.loyerCentimes ?? null,
  };
}
