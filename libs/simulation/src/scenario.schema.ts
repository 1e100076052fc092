/**
 * The JSON Schema (draft 2020-12) of a scenario file. docs/scenario.schema.json is this object,
 * written by `npm run simulate -- --write-schema docs/scenario.schema.json` (a test checks they agree).
 * `validateSchema` (json-schema.ts) interprets exactly the keywords used here.
 */
import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  FINANCEMENTS,
  LIBERATION_KINDS,
  MOTIFS_LIBERATION,
  RESERVATAIRE_KINDS,
  TYPOLOGIES,
} from '@aiguillage/engine';
import { SCENARIO_VERSION } from './scenario';

const str = { type: 'string', minLength: 1 };
const nullableStr = { type: ['string', 'null'] };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const fraction = { type: 'number', minimum: 0, maximum: 1 };
const count = { type: 'integer', minimum: 0 };
const days = { type: 'number', minimum: 0 };
const dayRange = { type: 'array', items: days, minItems: 2, maxItems: 2 };
const quartiles = { type: 'array', items: fraction, minItems: 4, maxItems: 4 };
const strList = { type: 'array', items: str };
const bornes = { type: 'object', additionalProperties: false, properties: { min: fraction, max: fraction } };
const enumOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] });
const mapOf = (keys: readonly string[], value: object) => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(keys.map((k) => [k, value])),
});
const object = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const SCENARIO_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aiguillage.fr/schemas/scenario.schema.json',
  title: 'Scénario Aiguillage',
  description:
    "L'année d'un département : bailleurs et patrimoine, réservataires, conventions, profils de demande, un exercice par bailleur, libérations, comportements et graine.",
  type: 'object',
  additionalProperties: false,
  required: [
    'version',
    'nom',
    'seed',
    'bailleurs',
    'communes',
    'epcis',
    'logements',
    'reservataires',
    'conventions',
    'profils',
    'exercices',
    'liberations',
  ],
  properties: {
    $schema: { type: 'string' },
    version: { const: SCENARIO_VERSION },
    nom: str,
    seed: { type: 'integer' },
    bailleurs: { type: 'array', minItems: 1, items: { $ref: '#/$defs/bailleur' } },
    communes: { type: 'array', items: { $ref: '#/$defs/commune' } },
    epcis: { type: 'array', items: { $ref: '#/$defs/epci' } },
    logements: { type: 'array', items: { $ref: '#/$defs/logement' } },
    reservataires: { type: 'array', items: { $ref: '#/$defs/reservataire' } },
    conventions: { type: 'array', items: { $ref: '#/$defs/convention' } },
    profils: { type: 'array', items: { $ref: '#/$defs/profil' } },
    exercices: { type: 'array', minItems: 1, items: { $ref: '#/$defs/exercice' } },
    liberations: { type: 'array', items: { $ref: '#/$defs/liberation' } },
    offresPrevues: {
      type: 'array',
      items: object(['bailleurId', 'commune', 'qpv', 'typologie', 'nombre'], {
        bailleurId: str,
        commune: str,
        qpv: { type: 'boolean' },
        typologie: enumOf(TYPOLOGIES),
        nombre: { type: 'number', minimum: 0 },
        epci: nullableStr,
      }),
    },
    neufDansLeFlux: { type: 'boolean' },
    comportement: { $ref: '#/$defs/comportement' },
  },
  $defs: {
    territoire: object(['departement'], { departement: str, communes: strList, epcis: strList }),
    bailleur: object(['id', 'nom', 'siren'], { id: str, nom: str, siren: str }),
    commune: object(['insee', 'nom', 'epci', 'departement'], {
      insee: str,
      nom: str,
      epci: str,
      departement: str,
      tension: fraction,
    }),
    epci: object(['siren', 'nom', 'departement'], { siren: str, nom: str, departement: str }),
    logement: object(['id', 'rplsId', 'bailleurId', 'commune', 'departement', 'qpv', 'typologie', 'financement'], {
      id: str,
      rplsId: str,
      bailleurId: str,
      programmeId: nullableStr,
      commune: str,
      epci: nullableStr,
      departement: str,
      qpv: { type: 'boolean' },
      qpvCode: nullableStr,
      typologie: enumOf(TYPOLOGIES),
      financement: enumOf(FINANCEMENTS),
      financementCode: nullableStr,
      anneeConstruction: { type: ['integer', 'null'] },
      etage: { type: ['integer', 'null'] },
      ascenseur: { type: ['boolean', 'null'] },
      pmr: { type: ['boolean', 'null'] },
      surfaceM2: { type: ['number', 'null'], minimum: 0 },
      loyerCentimes: { type: ['integer', 'null'], minimum: 0 },
      stockDefense: { type: 'boolean' },
      horsAssiette: { enum: ['VENTE', 'DEMOLITION', null] },
      ancienReservataireId: nullableStr,
    }),
    reservataire: object(['id', 'code', 'nom', 'kind', 'territoire'], {
      id: str,
      code: str,
      nom: str,
      kind: enumOf(RESERVATAIRE_KINDS),
      territoire: { $ref: '#/$defs/territoire' },
    }),
    cible: {
      oneOf: [
        object(['type', 'taux'], { type: { const: 'TAUX' }, taux: fraction }),
        object(['type', 'nombre', 'annees'], {
          type: { const: 'DROITS_UNIQUES' },
          nombre: count,
          annees: { type: 'integer', minimum: 1 },
        }),
      ],
    },
    convention: object(
      [
        'id',
        'bailleurId',
        'reservataireId',
        'departement',
        'reference',
        'cible',
        'decompte',
        'delegation',
        'engagements',
        'sousQuotas',
        'contrepartie',
        'actionCorrective',
        'deficitReporte',
        'compteMutations',
        'dateDebut',
      ],
      {
        id: str,
        bailleurId: str,
        reservataireId: str,
        departement: str,
        territoire: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/territoire' }] },
        reference: str,
        cible: { $ref: '#/$defs/cible' },
        decompte: object(['mode'], {
          mode: enumOf(DECOMPTE_MODES),
          poids: object(['proposition', 'attribution', 'bail'], {
            proposition: fraction,
            attribution: fraction,
            bail: fraction,
          }),
        }),
        delegation: object(['mode', 'delaiJours', 'candidatsMax', 'retourCompte'], {
          mode: enumOf(DELEGATION_MODES),
          delaiJours: { type: 'integer', minimum: 0 },
          candidatsMax: { type: 'integer', minimum: 1 },
          partDeleguee: fraction,
          retourCompte: { type: 'boolean' },
        }),
        engagements: object([], {
          qpv: bornes,
          horsQpv: bornes,
          typologies: mapOf(TYPOLOGIES, bornes),
          financements: mapOf(FINANCEMENTS, bornes),
          q1HorsQpvMin: fraction,
          q234QpvMin: fraction,
          prioritairesMin: fraction,
          tauxUniformeParCommune: { type: 'boolean' },
        }),
        sousQuotas: {
          type: 'array',
          items: object(['code', 'libelle', 'taux'], { code: str, libelle: str, taux: fraction }),
        },
        contrepartie: enumOf(CONTREPARTIES),
        actionCorrective: enumOf(ACTIONS_CORRECTIVES),
        etalementAnnees: { type: ['integer', 'null'], minimum: 1 },
        deficitReporte: { type: 'number' },
        compteMutations: { type: 'boolean' },
        dateDebut: date,
        dateFin: { oneOf: [{ type: 'null' }, date] },
      },
    ),
    profil: object(
      ['reservataireId', 'annee', 'demandes', 'quartiles', 'prioritaires', 'delaiMoyenJours', 'tauxRefus'],
      {
        reservataireId: str,
        annee: { type: 'integer' },
        demandes: {
          type: 'array',
          items: object(['commune', 'typologie', 'demandeurs'], {
            commune: nullableStr,
            typologie: enumOf(TYPOLOGIES),
            demandeurs: { type: 'number', minimum: 0 },
          }),
        },
        quartiles,
        prioritaires: fraction,
        delaiMoyenJours: days,
        tauxRefus: fraction,
      },
    ),
    exercice: object(
      ['id', 'bailleurId', 'departement', 'annee', 'assiette', 'fluxARepartir', 'saisonnalite', 'objectifs'],
      {
        id: str,
        bailleurId: str,
        departement: str,
        annee: { type: 'integer', minimum: 2000, maximum: 2100 },
        assiette: object(
          ['logements', 'stockDefense', 'plansVente', 'demolitions', 'tauxRotation', 'mutations', 'relogements'],
          {
            logements: count,
            stockDefense: count,
            plansVente: count,
            demolitions: count,
            tauxRotation: fraction,
            mutations: count,
            relogements: object(['npnru', 'orcod', 'lhi'], { npnru: count, orcod: count, lhi: count }),
          },
        ),
        fluxARepartir: { type: 'number', minimum: 0 },
        saisonnalite: { type: 'array', items: fraction, minItems: 12, maxItems: 12 },
        objectifs: {
          type: 'array',
          items: object(['conventionId', 'objectif'], { conventionId: str, objectif: { type: 'number' } }),
        },
      },
    ),
    liberation: object(['id', 'logementId', 'date', 'motif', 'kind'], {
      id: str,
      logementId: str,
      date,
      motif: enumOf(MOTIFS_LIBERATION),
      kind: enumOf(LIBERATION_KINDS),
    }),
    comportement: object([], {
      delaiDesignationJours: dayRange,
      joursParCandidat: dayRange,
      joursBail: dayRange,
      tauxRefusCal: fraction,
      refusInadequation: fraction,
      absenceCandidatInadequation: fraction,
      retardInadequation: days,
      adequationParDefaut: fraction,
      bailleur: object([], { quartiles, prioritaires: fraction, tauxRefus: fraction }),
    }),
  },
} as const;
