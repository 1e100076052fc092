/**
 * What happens to a flat once oriented, drawn from the réservataires' demand profiles with the
 * flat's own random streams. The draws are consumed in a fixed order whatever the destination, so
 * two strategies sending the same flat to different places meet the same luck.
 *
 * - DELEGUEE (or the delegated part of PARTIELLE): the bailleur designates from the réservataire's
 *   pool within `delaiDesignationJours`.
 * - DIRECTE: the réservataire brings candidates after an exponential delay of mean
 *   `delaiMoyenJours × (1 + retardInadequation × (1 − fit))`, or none at all with probability
 *   `absenceCandidatInadequation × (1 − fit)`; past `delaiJours` the flat returns to the bailleur.
 * - Each candidate (up to `candidatsMax`) takes `joursParCandidat`; the CAL refuses with
 *   `tauxRefusCal`, the household refuses with `tauxRefus + refusInadequation × (1 − fit)`.
 *   A refusal re-proposes the flat to the next candidate; when all refuse, the flat returns to the bailleur.
 * - The bailleur's own candidates (its share, returns, excluded uses) are drawn from its profile,
 *   until one accepts; the lease follows the attribution after `joursBail`.
 * Candidates come from the réservataire's demand profile: quartile, priority flag and household
 * size (from its demand by typologie), a pool of POOL per slot. A DIRECTE réservataire presents the
 * first pool as its candidates; the CAL ranks them once (the strategy's `classer`, else the
 * réservataire's order) and each refusal passes the flat to the next. A bailleur designating under
 * DELEGUEE picks in each pool the one that helps the legal objectives most (`designer`). The
 * bailleur's own candidates come from its profile.
 */
import type { Convention, Logement, ProfilDemande } from '@aiguillage/engine';
import type { Destination } from '@aiguillage/engine';
import { typologieFit } from './fit';
import { RandomStream } from './prng';
import { addDays } from './rules';
import type { Comportement } from './scenario';

const MAX_BAILLEUR_CANDIDATES = 20;
const MAX_REFUSAL = 0.95;

/**
 * One step of a flat's life. `reservataire` is true while the flat is in the convention's hands
 * (up to the return to the bailleur, and the attribution and lease of its own candidate): those
 * steps update the convention's counters.
 */
export type FlatEvent = { date: string; reservataire: boolean } & (
  | { type: 'CANDIDATS' }
  | { type: 'EXPIRATION' }
  | { type: 'REFUS'; parCal: boolean }
  | { type: 'RETOUR' }
  | { type: 'ATTRIBUTION'; quartile: 1 | 2 | 3 | 4; prioritaire: boolean; taille: number }
  | { type: 'BAIL' }
);

export interface FlatTimeline {
  /** In date order; the convention's events come before the bailleur's after a return. */
  events: FlatEvent[];
  /** DIRECTE délai expired without candidates. */
  expire: boolean;
  /** Flat went back to the bailleur (expiry, or every candidate refused). */
  retour: boolean;
  candidats: number;
  refus: number;
  attribution: Extract<FlatEvent, { type: 'ATTRIBUTION' }>;
  bail: string;
  vacanceJours: number;
  /** Typologie fit for the destination's réservataire (1 for the bailleur and excluded uses). */
  adequation: number;
  delegue: boolean;
}

export interface FlatContext {
  seed: number;
  liberationId: string;
  logement: Logement;
  date: string;
  destination: Destination;
  convention?: Convention;
  profil?: ProfilDemande;
  comportement: Comportement;
  /** The CAL's order of a DIRECTE réservataire's candidates (indices); without it, the réservataire's order. */
  classer?: (pool: readonly Household[]) => number[];
}

const between = (rng: RandomStream, [min, max]: [number, number]) => min + rng.next() * (max - min);

/** Candidates drawn per slot: a DIRECTE réservataire presents them to the CAL, a designating bailleur picks among them. */
export const POOL = 3;

export type Household = { quartile: 1 | 2 | 3 | 4; prioritaire: boolean; taille: number };

/** Household size from the profile's demand by typologie (T1 → 1 person … T5+ → 5), else 1 to 5 evenly. */
function drawTaille(rng: RandomStream, poids: readonly number[] | null): number {
  return poids ? rng.pick(poids) + 1 : 1 + Math.floor(rng.next() * 5);
}

/** Demand by typologie of a profile as weights T1..T5+ (null without demand lines). */
export function poidsTailles(profil: ProfilDemande | undefined): number[] | null {
  if (!profil || profil.demandes.length === 0) return null;
  const poids = [0, 0, 0, 0, 0];
  for (const d of profil.demandes)
    poids[Math.min(4, Math.max(0, Number(d.typologie.slice(1)) - 1 || 0))] += d.demandeurs;
  return poids.some((w) => w > 0) ? poids : null;
}

function drawHousehold(
  rng: RandomStream,
  quartiles: readonly number[],
  prioritaires: number,
  tailles: readonly number[] | null,
): Household {
  const quartile = (rng.pick(quartiles) + 1) as 1 | 2 | 3 | 4;
  const prioritaire = rng.next() < prioritaires;
  const taille = drawTaille(rng, tailles);
  return { quartile, prioritaire, taille };
}

/**
 * The bailleur designating from a réservataire's pool (DELEGUEE) picks the household that helps the
 * legal objectives (CCH L.441-1) most: a first-quartile household hors QPV, quartiles 2–4 in QPV, a
 * priority household, a size that fits the flat. Ties: the first drawn.
 */
export function designer(pool: readonly Household[], logement: Logement): Household {
  const pieces = Math.min(5, Number(logement.typologie.slice(1)) || 1);
  let best = pool[0];
  let bestScore = -Infinity;
  for (const h of pool) {
    const score =
      (logement.qpv ? (h.quartile >= 2 ? 1 : 0) : h.quartile === 1 ? 1 : 0) +
      (h.prioritaire ? 1 : 0) +
      (Math.abs(h.taille - pieces) <= 1 ? 0.5 : 0);
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return best;
}

export function resolveFlat(ctx: FlatContext): FlatTimeline {
  const { comportement: b, logement, convention, profil } = ctx;
  const reservataireRng = new RandomStream(ctx.seed, `${ctx.liberationId}:reservataire`);
  const bailleurRng = new RandomStream(ctx.seed, `${ctx.liberationId}:bailleur`);
  const events: FlatEvent[] = [];
  let refus = 0;
  let candidats = 0;
  let day = 0;
  const at = (d: number) => addDays(ctx.date, d);

  // Fixed consumption: mode, absence, delay, designation delay, then 5 draws per candidate.
  const uMode = reservataireRng.next();
  const uAbsence = reservataireRng.next();
  const uDelai = reservataireRng.next();
  const designation = between(reservataireRng, b.delaiDesignationJours);

  const fit = convention ? typologieFit(profil, logement, b.adequationParDefaut) : 1;
  const tailles = poidsTailles(profil);
  let expire = false;
  let retour = false;
  let delegue = false;
  let attribution: FlatTimeline['attribution'] | null = null;
  let presentes: Household[] = [];

  if (convention) {
    const { delegation } = convention;
    delegue =
      delegation.mode === 'DELEGUEE' || (delegation.mode === 'PARTIELLE' && uMode < (delegation.partDeleguee ?? 0));
    if (delegue) {
      day = designation;
    } else {
      const mean = (profil?.delaiMoyenJours ?? delegation.delaiJours / 2) * (1 + b.retardInadequation * (1 - fit));
      const delay = -mean * Math.log(1 - uDelai);
      const absent = uAbsence < b.absenceCandidatInadequation * (1 - fit);
      if (absent || delay > delegation.delaiJours) {
        expire = true;
        retour = true;
        day = delegation.delaiJours;
        events.push({ type: 'EXPIRATION', date: at(day), reservataire: true });
      } else {
        day = delay;
        events.push({ type: 'CANDIDATS', date: at(day), reservataire: true });
      }
    }
    if (!expire) {
      const tauxRefus = Math.min(
        MAX_REFUSAL,
        (profil?.tauxRefus ?? b.bailleur.tauxRefus) + b.refusInadequation * (1 - fit),
      );
      for (let i = 0; i < Math.max(1, delegation.candidatsMax) && !attribution; i++) {
        const uCal = reservataireRng.next();
        const uRefus = reservataireRng.next();
        day += between(reservataireRng, b.joursParCandidat);
        // The réservataire's pool, drawn whatever the destination (common random numbers).
        const pool: Household[] = [];
        for (let k = 0; k < POOL; k++)
          pool.push(
            drawHousehold(
              reservataireRng,
              profil?.quartiles ?? b.bailleur.quartiles,
              profil?.prioritaires ?? b.bailleur.prioritaires,
              tailles,
            ),
          );
        // DIRECTE: the first pool is the réservataire's list, ranked by the CAL; a refusal passes the
        // flat to the next of that list, and only past its end does the réservataire bring others.
        if (!delegue && presentes.length === 0)
          presentes = (ctx.classer?.(pool) ?? pool.map((_, k) => k)).map((k) => pool[k]);
        const household = delegue ? designer(pool, logement) : presentes.shift()!;
        candidats++;
        if (uCal < b.tauxRefusCal || uRefus < tauxRefus) {
          refus++;
          events.push({ type: 'REFUS', date: at(day), parCal: uCal < b.tauxRefusCal, reservataire: true });
        } else {
          attribution = { type: 'ATTRIBUTION', date: at(day), ...household, reservataire: true };
        }
      }
      if (!attribution) {
        retour = true;
        events.push({ type: 'RETOUR', date: at(day), reservataire: true });
      }
    }
  }

  if (!attribution) {
    // The bailleur designates from its own applicants (its share, a return, or an excluded use).
    day += between(bailleurRng, b.delaiDesignationJours);
    const exclu = ctx.destination.kind === 'EXCLU';
    for (let i = 0; !attribution; i++) {
      const uCal = bailleurRng.next();
      const uRefus = bailleurRng.next();
      day += between(bailleurRng, b.joursParCandidat);
      const household = drawHousehold(bailleurRng, b.bailleur.quartiles, b.bailleur.prioritaires, null);
      candidats++;
      // Excluded uses rehouse a known household: no refusal. Past the cap, the next candidate accepts.
      const refuse = !exclu && i < MAX_BAILLEUR_CANDIDATES && (uCal < b.tauxRefusCal || uRefus < b.bailleur.tauxRefus);
      if (refuse) {
        refus++;
        events.push({ type: 'REFUS', date: at(day), parCal: uCal < b.tauxRefusCal, reservataire: false });
      } else {
        attribution = { type: 'ATTRIBUTION', date: at(day), ...household, reservataire: false };
      }
    }
  }
  events.push(attribution);
  const bailDay = day + between(new RandomStream(ctx.seed, `${ctx.liberationId}:bail`), b.joursBail);
  const bail = at(bailDay);
  events.push({ type: 'BAIL', date: bail, reservataire: attribution.reservataire });
  return {
    events,
    expire,
    retour,
    candidats,
    refus,
    attribution,
    bail,
    vacanceJours: Math.round(bailDay),
    adequation: fit,
    delegue,
  };
}
