/**
 * Loading a scenario: the JSON Schema first (shapes, types, ranges), then the rules a schema
 * cannot say (references between objects, sums, dates). Every error names the field, in French.
 */
import { readFileSync } from 'node:fs';
import { verifierPlafonds, verifierTerritoires, type Depassement } from '@aiguillage/engine';
import { validateSchema, type SchemaError } from './json-schema';
import type { Scenario } from './scenario';
import { SCENARIO_SCHEMA } from './scenario.schema';

export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly errors: SchemaError[],
  ) {
    super(`Scénario invalide (${source}) :\n${errors.map((e) => `  - ${e.path} : ${e.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function isCalendarDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

/** The field a breach of the décret's caps is reported on (as the API does). */
const CHAMP_DEPASSEMENT: Record<Depassement['regle'], string> = {
  PLAFOND_ETAT: 'cible.taux',
  PLAFOND_FONCTIONNAIRES: 'sousQuotas',
  PLAFOND_GARANTIE_EMPRUNT: 'cible.taux',
  ENGAGEMENTS_COMMUNE: 'cible.taux',
  TERRITOIRE_COMMUNE: 'territoire',
  CONVENTION_EN_DOUBLE: 'territoire',
};

/**
 * The décret's caps and the one-convention-per-territory rules, with the same pure checks as the
 * API and the import (`verifierPlafonds`, `verifierTerritoires`): every convention of the scenario
 * against all the others. Each breach is reported once, on the first convention it names.
 */
function checkPlafonds(s: Scenario): SchemaError[] {
  const contexte = {
    reservataires: s.reservataires,
    epciDe: new Map(s.communes.map((c) => [c.insee, c.epci])),
    nomDe: new Map<string, string>([
      ...s.communes.map((c): [string, string] => [c.insee, c.nom]),
      ...s.epcis.map((e): [string, string] => [e.siren, e.nom]),
    ]),
  };
  const index = new Map(s.conventions.map((c, i) => [c.id, i]));
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const d of [
    ...verifierTerritoires(s.conventions, s.conventions, contexte),
    ...verifierPlafonds(s.conventions, s.conventions, contexte),
  ]) {
    const key = `${d.conventionId}|${d.regle}|${d.lieu ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: `conventions[${index.get(d.conventionId)}].${CHAMP_DEPASSEMENT[d.regle]}`, message: d.message });
  }
  return out;
}

/** Cross-object rules; assumes the schema already passed. */
function checkSemantics(s: Scenario): SchemaError[] {
  const errors: SchemaError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  const uniqueIds = <T>(list: T[], key: (x: T) => string, field: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      const id = key(x);
      if (seen.has(id)) err(`${field}[${i}]`, `identifiant en double : ${id}`);
      seen.add(id);
    });
    return seen;
  };
  const logementIds = uniqueIds(s.logements, (l) => l.id, 'logements');
  const reservataireIds = uniqueIds(s.reservataires, (r) => r.id, 'reservataires');
  const conventionIds = uniqueIds(s.conventions, (c) => c.id, 'conventions');
  uniqueIds(s.liberations, (l) => l.id, 'liberations');
  const communes = new Set(s.communes.map((c) => c.insee));

  const bailleurIds = uniqueIds(s.bailleurs, (b) => b.id, 'bailleurs');
  const exerciceOf = new Set<string>();
  const annee = s.exercices[0].annee;
  s.exercices.forEach((e, i) => {
    const at = `exercices[${i}]`;
    if (!bailleurIds.has(e.bailleurId)) err(`${at}.bailleurId`, `bailleur inconnu : ${e.bailleurId}`);
    if (exerciceOf.has(e.bailleurId)) err(`${at}.bailleurId`, `deuxième exercice pour le bailleur ${e.bailleurId}`);
    exerciceOf.add(e.bailleurId);
    if (e.annee !== annee) err(`${at}.annee`, `tous les exercices doivent porter sur la même année (${annee})`);
    const saison = e.saisonnalite.reduce((a, b) => a + b, 0);
    if (!near(saison, 1, 0.01))
      err(`${at}.saisonnalite`, `la somme des 12 mois doit valoir 1 (reçu : ${saison.toFixed(3)})`);
    e.objectifs.forEach((o, j) => {
      if (!conventionIds.has(o.conventionId))
        err(`${at}.objectifs[${j}].conventionId`, `convention inconnue : ${o.conventionId}`);
    });
  });

  s.logements.forEach((l, i) => {
    if (!exerciceOf.has(l.bailleurId)) err(`logements[${i}].bailleurId`, `bailleur sans exercice : ${l.bailleurId}`);
    if (communes.size > 0 && !communes.has(l.commune))
      err(`logements[${i}].commune`, `commune inconnue : ${l.commune}`);
    if (l.ancienReservataireId && !reservataireIds.has(l.ancienReservataireId)) {
      err(`logements[${i}].ancienReservataireId`, `réservataire inconnu : ${l.ancienReservataireId}`);
    }
  });

  s.conventions.forEach((c, i) => {
    const at = `conventions[${i}]`;
    if (!reservataireIds.has(c.reservataireId))
      err(`${at}.reservataireId`, `réservataire inconnu : ${c.reservataireId}`);
    if (!exerciceOf.has(c.bailleurId)) err(`${at}.bailleurId`, `bailleur sans exercice : ${c.bailleurId}`);
    if (!isCalendarDate(c.dateDebut)) err(`${at}.dateDebut`, `date inexistante : ${c.dateDebut}`);
    if (c.dateFin && !isCalendarDate(c.dateFin)) err(`${at}.dateFin`, `date inexistante : ${c.dateFin}`);
    if (c.dateFin && c.dateFin < c.dateDebut) err(`${at}.dateFin`, 'doit suivre dateDebut');
    if (c.decompte.mode === 'MIXTE') {
      const p = c.decompte.poids;
      if (!p) err(`${at}.decompte.poids`, 'obligatoire en décompte MIXTE');
      else if (!near(p.proposition + p.attribution + p.bail, 1, 1e-6))
        err(`${at}.decompte.poids`, 'la somme des poids doit valoir 1');
    }
    if (c.delegation.mode === 'PARTIELLE' && c.delegation.partDeleguee === undefined) {
      err(`${at}.delegation.partDeleguee`, 'obligatoire en délégation PARTIELLE');
    }
  });

  errors.push(...checkPlafonds(s));

  s.profils.forEach((p, i) => {
    if (!reservataireIds.has(p.reservataireId))
      err(`profils[${i}].reservataireId`, `réservataire inconnu : ${p.reservataireId}`);
    const q = p.quartiles.reduce((a, b) => a + b, 0);
    if (!near(q, 1, 0.01))
      err(`profils[${i}].quartiles`, `la somme des quartiles doit valoir 1 (reçu : ${q.toFixed(3)})`);
  });
  const qb = s.comportement?.bailleur?.quartiles;
  if (
    qb &&
    !near(
      qb.reduce((a, b) => a + b, 0),
      1,
      0.01,
    )
  )
    err('comportement.bailleur.quartiles', 'la somme des quartiles doit valoir 1');
  for (const key of ['delaiDesignationJours', 'joursParCandidat', 'joursBail'] as const) {
    const range = s.comportement?.[key];
    if (range && range[0] > range[1]) err(`comportement.${key}`, 'le minimum doit précéder le maximum');
  }

  const freed = new Set<string>();
  s.liberations.forEach((l, i) => {
    const key = `${l.logementId}|${l.date}`;
    if (freed.has(key)) err(`liberations[${i}]`, `logement ${l.logementId} libéré deux fois le ${l.date}`);
    freed.add(key);
    if (!logementIds.has(l.logementId)) err(`liberations[${i}].logementId`, `logement inconnu : ${l.logementId}`);
    if (!isCalendarDate(l.date)) err(`liberations[${i}].date`, `date inexistante : ${l.date}`);
    else if (Number(l.date.slice(0, 4)) !== annee)
      err(`liberations[${i}].date`, `hors de l'exercice ${annee} : ${l.date}`);
  });
  return errors;
}

/** Validates a parsed JSON document and returns it typed; throws ScenarioError listing the problems. */
export function parseScenario(document: unknown, source = 'scénario'): Scenario {
  const schemaErrors = validateSchema(SCENARIO_SCHEMA, document);
  if (schemaErrors.length > 0) throw new ScenarioError(source, schemaErrors);
  const scenario = document as Scenario;
  const semanticErrors = checkSemantics(scenario);
  if (semanticErrors.length > 0) throw new ScenarioError(source, semanticErrors.slice(0, 20));
  return scenario;
}

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(file, [{ path: '(fichier)', message: `lecture impossible : ${(e as Error).message}` }]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(file, [{ path: '(fichier)', message: `JSON invalide : ${(e as Error).message}` }]);
  }
  return parseScenario(document, file);
}
