import { progressionADate } from '@aiguillage/engine';
import { SlackRapportsRepository, type DelaiProcheRow, type Db } from '@aiguillage/persistence';
import type { EngineStateStore } from '../platform/live/engine-state.store';

/** Who reads: the bailleurs in scope, and a réservataire's own conventions only. */
export interface Perimetre {
  bailleurIds: readonly string[];
  reservataireId?: string | null;
}

export interface ConventionSuivie {
  conventionId: string;
  reference: string;
  reservataireNom: string;
  bailleurNom: string;
  objectif: number;
  realise: number;
  attendu: number;
  /** realise − attendu (negative: behind). */
  ecart: number;
}

export type DelaiProche = DelaiProcheRow;

/** The progress of every convention in scope at `date` (live engine state), most behind first. */
export async function conventionsSuivies(
  db: Db,
  store: EngineStateStore,
  p: Perimetre,
  date: string,
): Promise<ConventionSuivie[]> {
  const exercices = await new SlackRapportsRepository(db).exercices(p.bailleurIds, Number(date.slice(0, 4)));
  const lignes: ConventionSuivie[] = [];
  for (const e of exercices) {
    const live = await store.get({ bailleurId: e.bailleurId, departement: e.departement, annee: e.annee });
    const conventions = new Map(live.state.conventions.map((c) => [c.id, c]));
    const reservataires = new Map(live.state.reservataires.map((r) => [r.id, r.nom]));
    for (const row of progressionADate(live.state, date).conventions) {
      const c = conventions.get(row.conventionId)!;
      if (p.reservataireId && c.reservataireId !== p.reservataireId) continue;
      lignes.push({
        conventionId: c.id,
        reference: c.reference,
        reservataireNom: reservataires.get(c.reservataireId) ?? 'réservataire inconnu',
        bailleurNom: e.bailleurNom,
        objectif: row.objectif,
        realise: row.realise,
        attendu: row.attendu,
        ecart: row.ecart,
      });
    }
  }
  return lignes.sort((a, b) => a.ecart - b.ecart);
}

/** DIRECTE propositions whose délai ends within `jours` days of `depuis`, nearest first. */
export function delaisProches(db: Db, p: Perimetre, depuis: Date, jours: number, limite = 10): Promise<DelaiProche[]> {
  return new SlackRapportsRepository(db).delaisProches(p, depuis, jours, limite);
}

/** Overrides waiting for a manager in scope (staff), oldest first. */
export function derogationsEnAttente(
  db: Db,
  bailleurIds: readonly string[],
  limite = 10,
): Promise<
  Array<{ id: string; liberationId: string; rplsId: string; communeNom: string; demandeur: string; motif: string }>
> {
  return new SlackRapportsRepository(db).derogationsEnAttente(bailleurIds, limite);
}

/** Libérations of the bailleurs still waiting for a decision (no decision, no pending override), oldest first. */
export function logementsAOrienter(
  db: Db,
  bailleurIds: readonly string[],
  limite = 10,
): Promise<Array<{ liberationId: string; rplsId: string; communeNom: string; typologie: string; date: string }>> {
  return new SlackRapportsRepository(db).logementsAOrienter(bailleurIds, limite);
}

/** Decisions taken in [debut, fin): how many, and how many were overrides. */
export function decisionsEntre(
  db: Db,
  bailleurId: string,
  debut: Date,
  fin: Date,
): Promise<{ decisions: number; derogations: number }> {
  return new SlackRapportsRepository(db).decisionsEntre(bailleurId, debut, fin);
}

/** « 2,5 » : French number with at most one decimal. */
export function nombre(x: number): string {
  return (Math.round(x * 10) / 10).toLocaleString('fr-FR');
}
