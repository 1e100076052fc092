import { NotFoundError } from '../errors';
import { departementNomme } from '../geo/geo.repository';
import { managerOf, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import type { ActualisationStatut } from './actualisation.entity';
import type { GenerationStatut } from './bilan-generation.entity';
import { lignesBilan } from './bilan-lignes.query';
import type { LigneBilan } from './ligne-bilan';
import type { SnapshotResume } from './snapshot-resume';

export type { SnapshotResume };

export interface Snapshot extends SnapshotResume {
  contenu: unknown;
}
export interface Generation {
  id: string;
  bailleurId: string;
  departement: string;
  annee: number;
  statut: GenerationStatut;
  progression: number;
  etape: string | null;
  erreur: string | null;
  snapshotId: string | null;
  demandePar: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface Actualisation {
  id: string;
  bailleurId: string;
  departement: string;
  annee: number;
  snapshotId: string;
  statut: ActualisationStatut;
  proposition: unknown;
  exerciceId: string | null;
  valideePar: string | null;
}

/** Channel of the PostgreSQL NOTIFY sent at each progress step of a bilan generation. */
export const BILAN_CHANNEL = 'aiguillage_bilan';

/** Columns of `bilan_snapshot s LEFT JOIN app_user u ON u.id = s.created_by` (see `SNAPSHOT_FROM`). */
const SNAPSHOT_COLS = `s.id, s.bailleur_id AS "bailleurId", s.departement, ${departementNomme('s.departement')} AS "departementNom", s.annee, s.version_evenements::text AS "versionEvenements", s.hash, s.lignes, s.created_at AS "createdAt", u.nom AS "calculePar"`;
const SNAPSHOT_FROM = `bilan_snapshot s LEFT JOIN app_user u ON u.id = s.created_by`;
const GENERATION_COLS = `id, bailleur_id AS "bailleurId", departement, annee, statut, progression, etape, erreur, snapshot_id AS "snapshotId", demande_par AS "demandePar", created_at AS "createdAt", updated_at AS "updatedAt"`;
/** TypeORM answers an UPDATE … RETURNING with `[rows, count]`, an INSERT with the rows. */
function premiereLigne<T>(result: unknown): T | undefined {
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
  return (rows as T[])[0];
}

const ACTUALISATION_COLS = `id, bailleur_id AS "bailleurId", departement, annee, snapshot_id AS "snapshotId", statut, proposition, exercice_id AS "exerciceId", validee_par AS "valideePar"`;

/** Every SQL of the annual bilan: its lines, its immutable snapshots, its generations, the actualisation drafts. */
export class BilanRepository {
  constructor(private readonly db: Db) {}

  lignes(filter: { bailleurId: string; departement: string; annee: number }): Promise<LigneBilan[]> {
    return lignesBilan(this.db, filter);
  }

  /** Id of the last journaled engine transition of the exercice ('0' when none). */
  async versionEvenements(bailleurId: string, exerciceId: string | null, transitionType: string): Promise<string> {
    if (!exerciceId) return '0';
    const [row] = await managerOf(this.db).query<Array<{ v: string }>>(
      `SELECT coalesce(max(id), 0)::text AS v FROM event_log WHERE bailleur_id = $1 AND type = $2 AND payload->>'exerciceId' = $3`,
      [check.uuid(bailleurId, 'bailleurId'), transitionType, check.uuid(exerciceId, 'exerciceId')],
    );
    return row.v;
  }

  /** Stores a snapshot, or returns the existing one with the same hash (same year, same content). */
  async saveSnapshot(s: {
    bailleurId: string;
    departement: string;
    annee: number;
    versionEvenements: string;
    hash: string;
    contenu: string;
    lignes: number;
    createdBy: string | null;
  }): Promise<{ id: string; cree: boolean }> {
    const m = managerOf(this.db);
    const inserted: Array<{ id: string }> = await m.query(
      `INSERT INTO bilan_snapshot (bailleur_id, departement, annee, version_evenements, hash, contenu, lignes, created_by)
       VALUES ($1, $2, $3, $4::bigint, $5, $6::jsonb, $7, $8)
       ON CONFLICT (bailleur_id, departement, annee, hash) DO NOTHING RETURNING id`,
      [s.bailleurId, s.departement, s.annee, s.versionEvenements, s.hash, s.contenu, s.lignes, s.createdBy],
    );
    if (inserted.length > 0) return { id: inserted[0].id, cree: true };
    const [existing] = await m.query<Array<{ id: string }>>(
      `SELECT id FROM bilan_snapshot WHERE bailleur_id = $1 AND departement = $2 AND annee = $3 AND hash = $4`,
      [s.bailleurId, s.departement, s.annee, s.hash],
    );
    return { id: existing.id, cree: false };
  }

  async listSnapshots(bailleurIds: readonly string[], annee?: number): Promise<SnapshotResume[]> {
    const scope = requireScope(bailleurIds);
    return managerOf(this.db).query<SnapshotResume[]>(
      `SELECT ${SNAPSHOT_COLS} FROM ${SNAPSHOT_FROM} WHERE s.bailleur_id = ANY($1::uuid[]) AND ($2::int IS NULL OR s.annee = $2)
       ORDER BY s.annee DESC, s.departement, s.created_at DESC, s.id`,
      [scope, annee ?? null],
    );
  }

  async getSnapshot(bailleurIds: readonly string[], id: string): Promise<Snapshot> {
    const scope = requireScope(bailleurIds);
    const [row] = await managerOf(this.db).query<Snapshot[]>(
      `SELECT ${SNAPSHOT_COLS}, s.contenu FROM ${SNAPSHOT_FROM} WHERE s.id = $1 AND s.bailleur_id = ANY($2::uuid[])`,
      [check.uuid(id, 'id'), scope],
    );
    if (!row) throw new NotFoundError(`Bilan introuvable`);
    return row;
  }

  async createGeneration(g: {
    bailleurId: string;
    departement: string;
    annee: number;
    demandePar: string | null;
  }): Promise<Generation> {
    const [row] = await managerOf(this.db).query<Generation[]>(
      `INSERT INTO bilan_generation (bailleur_id, departement, annee, statut, progression, etape, demande_par) VALUES ($1, $2, $3, 'EN_ATTENTE', 0, 'En file d''attente', $4) RETURNING ${GENERATION_COLS}`,
      [g.bailleurId, g.departement, g.annee, g.demandePar],
    );
    return row;
  }

  /** Moves a generation forward and announces it (NOTIFY at commit) to the processes pushing progress. */
  async updateGeneration(
    id: string,
    change: {
      statut: GenerationStatut;
      progression: number;
      etape: string;
      erreur?: string | null;
      snapshotId?: string | null;
    },
  ): Promise<Generation> {
    const m = managerOf(this.db);
    const row = premiereLigne<Generation>(
      await m.query(
        `UPDATE bilan_generation SET statut = $2, progression = $3, etape = $4, erreur = $5, snapshot_id = coalesce($6, snapshot_id), updated_at = now()
       WHERE id = $1 RETURNING ${GENERATION_COLS}`,
        [id, change.statut, change.progression, change.etape, change.erreur ?? null, change.snapshotId ?? null],
      ),
    );
    if (!row) throw new NotFoundError('Génération de bilan introuvable');
    await m.query(`SELECT pg_notify($1, $2)`, [BILAN_CHANNEL, JSON.stringify(row)]);
    return row;
  }

  async getGeneration(bailleurIds: readonly string[], id: string): Promise<Generation> {
    const [row] = await managerOf(this.db).query<Generation[]>(
      `SELECT ${GENERATION_COLS} FROM bilan_generation WHERE id = $1 AND bailleur_id = ANY($2::uuid[])`,
      [check.uuid(id, 'id'), requireScope(bailleurIds)],
    );
    if (!row) throw new NotFoundError('Génération de bilan introuvable');
    return row;
  }

  async findGenerationById(id: string): Promise<Generation | null> {
    const [row] = await managerOf(this.db).query<Generation[]>(
      `SELECT ${GENERATION_COLS} FROM bilan_generation WHERE id = $1`,
      [check.uuid(id, 'id')],
    );
    return row ?? null;
  }

  /** Libérations of flats in the flux, per year, and the flats in the flux at present (turnover history). */
  async rotationHistorique(
    bailleurId: string,
    departement: string,
    annees: number[],
  ): Promise<{ logementsFlux: number; liberations: Record<number, number> }> {
    const m = managerOf(this.db);
    const [{ n }] = await m.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM logement WHERE bailleur_id = $1 AND departement = $2 AND NOT stock_defense AND hors_assiette IS NULL`,
      [bailleurId, departement],
    );
    const rows: Array<{ annee: number; n: number }> = await m.query(
      `SELECT extract(year FROM l.date)::int AS annee, count(*)::int AS n FROM liberation l JOIN logement lo ON lo.id = l.logement_id
       WHERE l.bailleur_id = $1 AND lo.departement = $2 AND l.kind = 'ROTATION' AND NOT lo.stock_defense AND lo.hors_assiette IS NULL
         AND extract(year FROM l.date)::int = ANY($3::int[])
       GROUP BY 1`,
      [bailleurId, departement, annees],
    );
    return {
      logementsFlux: n,
      liberations: Object.fromEntries(annees.map((a) => [a, rows.find((r) => r.annee === a)?.n ?? 0])),
    };
  }

  /** The patrimoine's counts for an assiette: all flats, DEFENSE stock, sale plan, demolitions. */
  async patrimoine(
    bailleurId: string,
    departement: string,
  ): Promise<{ logements: number; stockDefense: number; plansVente: number; demolitions: number }> {
    const [row] = await managerOf(this.db).query<
      Array<{ logements: number; stockDefense: number; plansVente: number; demolitions: number }>
    >(
      `SELECT count(*)::int AS logements, count(*) FILTER (WHERE stock_defense)::int AS "stockDefense",
         count(*) FILTER (WHERE hors_assiette = 'VENTE' AND NOT stock_defense)::int AS "plansVente",
         count(*) FILTER (WHERE hors_assiette = 'DEMOLITION' AND NOT stock_defense)::int AS demolitions
       FROM logement WHERE bailleur_id = $1 AND departement = $2`,
      [bailleurId, departement],
    );
    return row;
  }

  async saveActualisation(a: {
    bailleurId: string;
    departement: string;
    annee: number;
    snapshotId: string;
    proposition: unknown;
  }): Promise<Actualisation> {
    const [row] = await managerOf(this.db).query<Actualisation[]>(
      `INSERT INTO actualisation (bailleur_id, departement, annee, snapshot_id, statut, proposition) VALUES ($1, $2, $3, $4, 'BROUILLON', $5::jsonb)
       ON CONFLICT (bailleur_id, departement, annee) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id, proposition = EXCLUDED.proposition, updated_at = now()
       WHERE actualisation.statut = 'BROUILLON'
       RETURNING ${ACTUALISATION_COLS}`,
      [a.bailleurId, a.departement, a.annee, a.snapshotId, JSON.stringify(a.proposition)],
    );
    if (!row) throw new NotFoundError(`L'actualisation ${a.annee} est déjà validée`);
    return row;
  }

  /** Whether a bailleur's actualisation of a year was validated (it then carried the former year's deficits). */
  async actualisationValidee(bailleurId: string, departement: string, annee: number): Promise<boolean> {
    const [row] = await managerOf(this.db).query<unknown[]>(
      `SELECT 1 FROM actualisation WHERE bailleur_id = $1 AND departement = $2 AND annee = $3 AND statut = 'VALIDEE'`,
      [bailleurId, departement, annee],
    );
    return row !== undefined;
  }

  async getActualisation(bailleurIds: readonly string[], id: string): Promise<Actualisation> {
    const [row] = await managerOf(this.db).query<Actualisation[]>(
      `SELECT ${ACTUALISATION_COLS} FROM actualisation WHERE id = $1 AND bailleur_id = ANY($2::uuid[])`,
      [check.uuid(id, 'id'), requireScope(bailleurIds)],
    );
    if (!row) throw new NotFoundError('Actualisation introuvable');
    return row;
  }

  async updateActualisation(
    id: string,
    change: { proposition: unknown; statut?: ActualisationStatut; exerciceId?: string; valideePar?: string },
  ): Promise<Actualisation> {
    const row = premiereLigne<Actualisation>(
      await managerOf(this.db).query(
        `UPDATE actualisation SET proposition = $2::jsonb, statut = coalesce($3::actualisation_statut, statut), exercice_id = coalesce($4, exercice_id),
         validee_par = coalesce($5, validee_par), updated_at = now()
       WHERE id = $1 AND statut = 'BROUILLON' RETURNING ${ACTUALISATION_COLS}`,
        [
          id,
          JSON.stringify(change.proposition),
          change.statut ?? null,
          change.exerciceId ?? null,
          change.valideePar ?? null,
        ],
      ),
    );
    if (!row) throw new NotFoundError('Actualisation introuvable ou déjà validée');
    return row;
  }
}
