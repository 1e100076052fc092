import { getMetadataStorage, type ValidationError } from 'class-validator';
import { indicesEntreCrochets, OBLIGATOIRE_SI } from './decorateurs';

/** One invalid field of a request, in French: `{ champ: "relogements.npnru", raison: "doit être supérieur ou égal à 0" }`. */
export interface ErreurChamp {
  champ: string;
  raison: string;
}

/** The decorator's arguments: numbers and strings (lists for isIn / isEnum, read through `liste`). */
type Formatter = (args: Array<number | string>) => string;

const liste = (values: unknown): string => (Array.isArray(values) ? values : Object.values(values ?? {})).join(', ');

/** French reason for each class-validator constraint, built from the decorator's own arguments. */
const RAISONS: Record<string, Formatter> = {
  isDefined: () => 'est obligatoire',
  isNotEmpty: () => 'ne doit pas être vide',
  isString: () => 'doit être une chaîne de caractères',
  isInt: () => 'doit être un nombre entier',
  isNumber: () => 'doit être un nombre',
  isBoolean: () => 'doit être un booléen (true ou false)',
  isPositive: () => 'doit être strictement positif',
  min: ([min]) => `doit être supérieur ou égal à ${min}`,
  max: ([max]) => `doit être inférieur ou égal à ${max}`,
  isIn: ([values]) => `doit être l'une des valeurs : ${liste(values)}`,
  isEnum: ([values]) => `doit être l'une des valeurs : ${liste(values)}`,
  isLength: ([min, max]) =>
    max === undefined ? `doit contenir au moins ${min} caractères` : `doit contenir entre ${min} et ${max} caractères`,
  minLength: ([min]) => `doit contenir au moins ${min} caractères`,
  maxLength: ([max]) => `doit contenir au plus ${max} caractères`,
  isUuid: () => 'doit être un identifiant UUID',
  isUUID: () => 'doit être un identifiant UUID',
  isEmail: () => 'doit être une adresse e-mail valide',
  isISO8601: () => 'doit être une date au format AAAA-MM-JJ',
  isDateString: () => 'doit être une date au format AAAA-MM-JJ',
  isArray: () => 'doit être une liste',
  arrayNotEmpty: () => 'ne doit pas être une liste vide',
  arrayMinSize: ([min]) => `doit contenir au moins ${min} élément(s)`,
  arrayMaxSize: ([max]) => `doit contenir au plus ${max} élément(s)`,
  arrayUnique: () => 'ne doit pas contenir de doublons',
  isObject: () => 'doit être un objet',
  nestedValidation: () => 'doit être un objet ou une liste d’objets',
  matches: () => "n'a pas le format attendu",
  isNumberString: () => 'doit être un nombre',
  whitelistValidation: () => "n'est pas un champ autorisé",
  unknownValue: () => 'objet inattendu',
};

/**
 * When one of these fails, the range and length checks of the same field add nothing (and when a
 * field required by another one is missing, that requirement is its only reason).
 */
const TYPE_CONSTRAINTS = new Set([
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isIn',
  'isEnum',
  'isUUID',
  'isUuid',
]);

/** The arguments and the custom message of the decorator that produced `constraint` on `property`. */
function findMetadata(target: object | undefined, property: string, constraint: string) {
  if (!target) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === constraint || m.type === constraint));
}

function raison(error: ValidationError, constraint: string): string {
  const metadata = findMetadata(error.target, error.property, constraint);
  // A decorator given an explicit message (written in French by its author) keeps it.
  // (class-validator's own templates, `$property must...`, are English: never kept.)
  if (typeof metadata?.message === 'string' && !metadata.message.includes('$') && constraint !== 'nestedValidation')
    return metadata.message;
  // A French message built from the value (« la somme des 12 parts doit valoir 1 (reçu 1.2) »): as class-validator built it.
  if (typeof metadata?.message === 'function') return error.constraints![constraint];
  const format = RAISONS[constraint];
  return format ? format((metadata?.constraints ?? []) as Array<number | string>) : `est invalide (${constraint})`;
}

/**
 * Flattens class-validator errors into one French entry per field (nested fields dotted, list items
 * indexed: `objectifs.2.objectif`, or `canaux[0].canal` for a list marked `IndicesEntreCrochets`),
 * whatever language the decorators' default messages are in.
 */
export function erreursEnFrancais(errors: ValidationError[], parent = '', crochets = false): ErreurChamp[] {
  return errors.flatMap((error) => {
    const champ = !parent ? error.property : crochets ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const failed = Object.keys(error.constraints ?? {});
    const typeFailures = failed.filter((constraint) => TYPE_CONSTRAINTS.has(constraint));
    const retenues = failed.includes(OBLIGATOIRE_SI)
      ? [OBLIGATOIRE_SI]
      : typeFailures.length > 0
        ? typeFailures
        : failed;
    const own = retenues.map((constraint) => raison(error, constraint));
    const here = own.length > 0 ? [{ champ, raison: own.join(' ; ') }] : [];
    const sousCrochets = indicesEntreCrochets(error.target, error.property);
    return [...here, ...erreursEnFrancais(error.children ?? [], champ, sousCrochets)];
  });
}
