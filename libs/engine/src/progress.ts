/**
 * The engine state and its pure transitions, shared by the live flow (API, worker) and the year
 * simulator. Every transition returns a new state and leaves its input untouched; the unchanged
 * parts (conventions, réservataires, profils, offrePrevue) are shared, so per-state indexes cached
 * on them stay valid across transitions.
 *
 * Life of a flat oriented to a convention:
 *   applyOrientation → (DIRECTE: applyCandidatsRecus | applyExpirationDelai) → applyAttribution
 *   → applyBail, with applyRefus whenever a candidate refuses.
 */
import type { Convention, Logement, Reservataire, ProfilDemande, UsageExclu, Exercice } from './domain';
import { USAGES_EXCLUS } from './domain';
import type { ConventionProgress, Destination, EngineState, FluxOriente } from './orientation';
import { EngineInputError, requireFinite, round6 } from './errors';
import { couvre, objectifsAnnuels, territoireConvention } from './calculs/objectifs';
import { validateSaisonnalite } from './calculs/saisonnalite';
import { poidsDecompte, termesEnVigueur, type VersionsConventions } from './versions';

export interface CreateStateInput {
  exercice: Exercice;
  conventions: Convention[];
  reservataires: Reservataire[];
  profils?: ProfilDemande[];
  /** Excluded uses planned for the year; defaults to the exercice's assiette (mutations, relogements). */
  exclusionsPrevues?: Partial<Record<UsageExclu, number>>;
  offrePrevue?: EngineState['offrePrevue'];
  /** Former terms of versioned conventions: each vacancy counts under the terms of its date (`versions.ts`). */
  versions?: VersionsConventions;
}

/** The household a CAL attributed a flat to: income quartile in its EPCI and priority status. */
export interface Candidat {
  quartile: 1 | 2 | 3 | 4;
  prioritaire: boolean;
}

export function emptyProgress(conventionId: string, objectif: number): ConventionProgress {
  return {
    conventionId,
    objectif,
    propositions: 0,
    attributions: 0,
    baux: 0,
    enAttente: 0,
    retours: 0,
    refus: 0,
    qpv: 0,
    horsQpv: 0,
    parCommune: {},
    parTypologie: {},
    parSousQuota: {},
    parFinancement: {},
    attributionsQpv: 0,
    attributionsQpvQ234: 0,
    attributionsHorsQpv: 0,
    attributionsHorsQpvQ1: 0,
    attributionsPrioritaires: 0,
  };
}

function validateConvention(c: Convention, i: number): void {
  const champ = `conventions[${i}]`;
  if (!c || typeof c.id !== 'string' || !c.id) throw new EngineInputError(`${champ}.id`, 'identifiant manquant');
  if (c.decompte?.mode === 'MIXTE') {
    const p = c.decompte.poids;
    if (!p) throw new EngineInputError(`${champ}.decompte.poids`, 'obligatoire en décompte MIXTE');
    for (const k of ['proposition', 'attribution', 'bail'] as const)
      requireFinite(`${champ}.decompte.poids.${k}`, p[k], { min: 0, max: 1 });
    if (Math.abs(p.proposition + p.attribution + p.bail - 1) > 1e-6)
      throw new EngineInputError(`${champ}.decompte.poids`, 'la somme des poids doit valoir 1');
  }
  requireFinite(`${champ}.delegation.delaiJours`, c.delegation?.delaiJours, { min: 0 });
}

/** The state at the start of an exercice: objectives set, every counter at zero. */
export function createState(input: CreateStateInput): EngineState {
  const { exercice, conventions, reservataires } = input;
  if (!exercice) throw new EngineInputError('exercice', 'obligatoire');
  requireFinite('exercice.fluxARepartir', exercice.fluxARepartir, { min: 0 });
  validateSaisonnalite(exercice.saisonnalite);
  if (!Array.isArray(conventions)) throw new EngineInputError('conventions', 'doit être une liste');
  if (!Array.isArray(reservataires)) throw new EngineInputError('reservataires', 'doit être une liste');
  const seen = new Set<string>();
  conventions.forEach((c, i) => {
    validateConvention(c, i);
    if (seen.has(c.id)) throw new EngineInputError(`conventions[${i}].id`, `identifiant en double « ${c.id} »`);
    seen.add(c.id);
  });
  const progress: Record<string, ConventionProgress> = {};
  for (const o of objectifsAnnuels(exercice, conventions, { versions: input.versions })) {
    progress[o.conventionId] = emptyProgress(o.conventionId, o.objectif);
    if (input.versions?.[o.conventionId]?.length) progress[o.conventionId].compte = 0;
  }

  const a = exercice.assiette;
  const prevues = input.exclusionsPrevues ?? {
    MUTATION: a?.mutations ?? 0,
    NPNRU: a?.relogements?.npnru ?? 0,
    ORCOD: a?.relogements?.orcod ?? 0,
    LHI: a?.relogements?.lhi ?? 0,
  };
  const exclusionsRestantes: Partial<Record<UsageExclu, number>> = {};
  for (const usage of USAGES_EXCLUS) {
    const n = prevues[usage];
    if (n === undefined) continue;
    exclusionsRestantes[usage] = requireFinite(`exclusionsPrevues.${usage}`, n, { min: 0 });
  }
  return {
    exercice,
    conventions,
    reservataires,
    profils: input.profils ?? [],
    progress,
    exclusionsRestantes,
    bailleurPropositions: 0,
    fluxOriente: emptyFlux(),
    ...(input.offrePrevue ? { offrePrevue: input.offrePrevue } : {}),
    ...(input.versions ? { versions: input.versions } : {}),
  };
}

/**
 * What counts toward the objective under the convention's décompte mode: propositions (regulatory
 * default), attributions, signed leases, or their weighted mix (MIXTE; equal thirds without weights).
 */
export function realise(progress: ConventionProgress, convention: Pick<Convention, 'decompte'>): number {
  // A versioned convention: each step was weighed under the terms its vacancy was proposed under.
  if (progress.compte !== undefined) return progress.compte;
  switch (convention.decompte?.mode) {
    case 'ATTRIBUTION':
      return progress.attributions;
    case 'BAIL':
      return progress.baux;
    case 'MIXTE': {
      const p = convention.decompte.poids ?? { proposition: 1 / 3, attribution: 1 / 3, bail: 1 / 3 };
      return round6(
        p.proposition * progress.propositions + p.attribution * progress.attributions + p.bail * progress.baux,
      );
    }
    default:
      return progress.propositions;
  }
}

function progressOf(state: EngineState, conventionId: string, champ = 'conventionId'): ConventionProgress {
  const p = state.progress[conventionId];
  if (!p) throw new EngineInputError(champ, `convention inconnue dans l'exercice « ${conventionId} »`);
  return p;
}

function withProgress(state: EngineState, next: ConventionProgress): EngineState {
  return { ...state, progress: { ...state.progress, [next.conventionId]: next } };
}

function conventionOf(state: EngineState, conventionId: string): Convention {
  const c = state.conventions.find((x) => x.id === conventionId);
  if (!c) throw new EngineInputError('conventionId', `convention inconnue « ${conventionId} »`);
  return c;
}

/** Adds a step's weight (under the terms `termes` in force for its vacancy) to a versioned convention's count. */
function compter(
  p: ConventionProgress,
  termes: Pick<Convention, 'decompte'>,
  etape: 'proposition' | 'attribution' | 'bail',
  delta: number,
): ConventionProgress {
  if (p.compte === undefined) return p;
  return { ...p, compte: Math.max(0, round6(p.compte + delta * poidsDecompte(termes.decompte)[etape])) };
}

function bump(record: Record<string, number>, key: string, delta: number): Record<string, number> {
  const next = { ...record, [key]: (record[key] ?? 0) + delta };
  if (next[key] <= 0) delete next[key];
  return next;
}

/** Adds (delta = 1) or removes (delta = −1) a flat from a convention's distribution counters. */
function countFlat(p: ConventionProgress, logement: Logement, delta: 1 | -1, sousQuota?: string): ConventionProgress {
  return {
    ...p,
    propositions: Math.max(0, p.propositions + delta),
    qpv: Math.max(0, p.qpv + (logement.qpv ? delta : 0)),
    horsQpv: Math.max(0, p.horsQpv + (logement.qpv ? 0 : delta)),
    parCommune: bump(p.parCommune, logement.commune, delta),
    parTypologie: bump(p.parTypologie, logement.typologie, delta),
    parSousQuota: sousQuota ? bump(p.parSousQuota, sousQuota, delta) : p.parSousQuota,
    parFinancement: bump(p.parFinancement ?? {}, logement.financement, delta),
  };
}

export function emptyFlux(): FluxOriente {
  return { total: 0, qpv: 0, horsQpv: 0, parCommune: {}, parCellule: {} };
}

/** Key of a flat's cell in `FluxOriente.parCellule`. */
export function celluleKey(logement: Pick<Logement, 'commune' | 'epci' | 'qpv' | 'typologie'>): string {
  return `${logement.commune}|${logement.epci ?? ''}|${logement.qpv ? 'Q' : 'H'}|${logement.typologie}`;
}

/** True when the flat belongs to the flux to share (not DEFENSE stock, not sold or demolished). */
export function dansLeFlux(logement: Logement): boolean {
  return !logement.stockDefense && !logement.horsAssiette;
}

function countFlux(state: EngineState, logement: Logement): EngineState {
  if (!dansLeFlux(logement)) return state;
  const f = state.fluxOriente ?? emptyFlux();
  return {
    ...state,
    fluxOriente: {
      total: f.total + 1,
      qpv: f.qpv + (logement.qpv ? 1 : 0),
      horsQpv: f.horsQpv + (logement.qpv ? 0 : 1),
      parCommune: bump(f.parCommune, logement.commune, 1),
      parCellule: bump(f.parCellule, celluleKey(logement), 1),
    },
  };
}

export interface OrientationOptions {
  /**
   * Whether the flat now waits for the réservataire's candidates. Defaults to true under DIRECTE,
   * false under DELEGUEE; under PARTIELLE the caller says which part the flat falls in (default true).
   */
  attenteCandidats?: boolean;
  /** The vacancy's libération date: a versioned convention counts it under the terms of that date. */
  date?: string;
}

/** Orients a freed flat: proposition to a convention, an excluded use, or the bailleur's own share. */
export function applyOrientation(
  state: EngineState,
  logement: Logement,
  destination: Destination,
  options: OrientationOptions = {},
): EngineState {
  switch (destination.kind) {
    case 'CONVENTION': {
      const p = progressOf(state, destination.conventionId, 'destination.conventionId');
      const courante = conventionOf(state, destination.conventionId);
      const convention = termesEnVigueur(state, courante, options.date);
      // A sub-quota of the terms of the vacancy's date or of the current ones (a replay never fails on a later change).
      if (
        destination.sousQuota &&
        ![convention, courante].some((c) => c.sousQuotas.some((s) => s.code === destination.sousQuota))
      ) {
        throw new EngineInputError(
          'destination.sousQuota',
          `sous-quota inconnu « ${destination.sousQuota} » pour la convention ${convention.reference}`,
        );
      }
      const attente = options.attenteCandidats ?? convention.delegation.mode !== 'DELEGUEE';
      const next = compter(countFlat(p, logement, 1, destination.sousQuota), convention, 'proposition', 1);
      return countFlux(withProgress(state, attente ? { ...next, enAttente: next.enAttente + 1 } : next), logement);
    }
    case 'EXCLU': {
      const restant = state.exclusionsRestantes[destination.usage] ?? 0;
      const next = {
        ...state,
        exclusionsRestantes: { ...state.exclusionsRestantes, [destination.usage]: Math.max(0, restant - 1) },
      };
      return destination.usage === 'MUTATION' ? compterMutation(next, logement, options.date) : next;
    }
    case 'BAILLEUR':
      return countFlux({ ...state, bailleurPropositions: state.bailleurPropositions + 1 }, logement);
    default:
      throw new EngineInputError('destination.kind', 'doit être CONVENTION, EXCLU ou BAILLEUR');
  }
}

/**
 * A mutation is outside the flux, but a convention that opted in (`compteMutations`) counts the
 * mutations of its territory: proposed, attributed and let at once (an internal transfer), in
 * `mutations` too. Each opted-in convention covering the flat counts it.
 */
function compterMutation(state: EngineState, logement: Logement, date?: string): EngineState {
  let next = state;
  for (const courante of state.conventions) {
    const c = termesEnVigueur(state, courante, date);
    if (!c.compteMutations || !state.progress[c.id]) continue;
    if (c.departement !== logement.departement) continue;
    const territoire = territoireConvention(
      c,
      state.reservataires.find((r) => r.id === c.reservataireId),
    );
    if (!couvre(territoire, logement.commune, logement.epci)) continue;
    const p = countFlat(next.progress[c.id], logement, 1);
    const compte = p.compte === undefined ? {} : { compte: round6(p.compte + 1) };
    next = withProgress(next, {
      ...p,
      attributions: p.attributions + 1,
      baux: p.baux + 1,
      mutations: (p.mutations ?? 0) + 1,
      ...compte,
    });
  }
  return next;
}

/** A DIRECTE réservataire brought its candidates in time: the flat no longer waits. */
export function applyCandidatsRecus(state: EngineState, conventionId: string): EngineState {
  const p = progressOf(state, conventionId);
  return withProgress(state, { ...p, enAttente: Math.max(0, p.enAttente - 1) });
}

/**
 * A DIRECTE délai expired without candidates: the flat returns to the bailleur for one turn. When
 * the convention says the return counts (`delegation.retourCompte`), the proposition stays counted;
 * otherwise it is withdrawn from every counter and the flat counts as the bailleur's own.
 */
export function applyExpirationDelai(
  state: EngineState,
  logement: Logement,
  conventionId: string,
  sousQuota?: string,
  date?: string,
): EngineState {
  const p = progressOf(state, conventionId);
  const convention = termesEnVigueur(state, conventionOf(state, conventionId), date);
  const base = { ...p, enAttente: Math.max(0, p.enAttente - 1), retours: p.retours + 1 };
  if (convention.delegation.retourCompte) return withProgress(state, base);
  const next = withProgress(state, compter(countFlat(base, logement, -1, sousQuota), convention, 'proposition', -1));
  return { ...next, bailleurPropositions: next.bailleurPropositions + 1 };
}

function countAttribution(
  p: ConventionProgress,
  logement: Logement,
  candidat: Candidat,
  delta: 1 | -1,
): ConventionProgress {
  const q1 = candidat.quartile === 1;
  return {
    ...p,
    attributions: Math.max(0, p.attributions + delta),
    attributionsQpv: Math.max(0, p.attributionsQpv + (logement.qpv ? delta : 0)),
    attributionsQpvQ234: Math.max(0, p.attributionsQpvQ234 + (logement.qpv && !q1 ? delta : 0)),
    attributionsHorsQpv: Math.max(0, p.attributionsHorsQpv + (logement.qpv ? 0 : delta)),
    attributionsHorsQpvQ1: Math.max(0, p.attributionsHorsQpvQ1 + (!logement.qpv && q1 ? delta : 0)),
    attributionsPrioritaires: Math.max(0, p.attributionsPrioritaires + (candidat.prioritaire ? delta : 0)),
  };
}

function validateCandidat(candidat: Candidat): void {
  if (!candidat || ![1, 2, 3, 4].includes(candidat.quartile))
    throw new EngineInputError('candidat.quartile', 'doit valoir 1, 2, 3 ou 4');
  if (typeof candidat.prioritaire !== 'boolean')
    throw new EngineInputError('candidat.prioritaire', 'doit être vrai ou faux');
}

/** The CAL attributed the flat to a candidate of the convention's réservataire. */
export function applyAttribution(
  state: EngineState,
  logement: Logement,
  conventionId: string,
  candidat: Candidat,
  date?: string,
): EngineState {
  validateCandidat(candidat);
  const termes = termesEnVigueur(state, conventionOf(state, conventionId), date);
  return withProgress(
    state,
    compter(countAttribution(progressOf(state, conventionId), logement, candidat, 1), termes, 'attribution', 1),
  );
}

/** The lease is signed. */
export function applyBail(state: EngineState, conventionId: string, date?: string): EngineState {
  const p = progressOf(state, conventionId);
  const termes = p.compte === undefined ? null : termesEnVigueur(state, conventionOf(state, conventionId), date);
  const next = { ...p, baux: p.baux + 1 };
  return withProgress(state, termes ? compter(next, termes, 'bail', 1) : next);
}

/**
 * A candidate refused the flat. Counted in `refus`; when the refusal comes after the CAL had
 * attributed the flat to that candidate, pass the candidate: the attribution is withdrawn.
 */
export function applyRefus(
  state: EngineState,
  conventionId: string,
  attribution?: { logement: Logement; candidat: Candidat },
  date?: string,
): EngineState {
  const p = progressOf(state, conventionId);
  let next: ConventionProgress = { ...p, refus: (p.refus ?? 0) + 1 };
  if (attribution) {
    validateCandidat(attribution.candidat);
    next = countAttribution(next, attribution.logement, attribution.candidat, -1);
    if (p.compte !== undefined)
      next = compter(next, termesEnVigueur(state, conventionOf(state, conventionId), date), 'attribution', -1);
  }
  return withProgress(state, next);
}
