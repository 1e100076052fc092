import { Injectable } from '@nestjs/common';
import { progressionADate, type ProgressionConvention } from '@aiguillage/engine';
import { check } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { ExercicesService } from '../referentiel/exercices.service';
import { EngineStateStore } from '../platform/live/engine-state.store';
import { suiviParConvention, type SuiviConvention } from '../cycle-vie/cycle-vie';

export interface ProgressionExercice {
  exerciceId: string;
  bailleurId: string;
  departement: string;
  annee: number;
  date: string;
  /** Share of the year's flux expected by the date (seasonal forecast). */
  fractionAttendue: number;
  /** Event id of the last transition reflected: `convention.progress` events after it move these figures. */
  version: string;
  conventions: Array<ProgressionConvention & { reference: string; reservataireId: string; decompte: string; /** NEUF first lettings proposed to it, outside the flux (recorded apart, not counted). */ premieresLocations: number; /** Refusals recorded and vacancy days of the flats let. */ suivi: SuiviConvention }>;
  /** Flats kept by the bailleur (non-réservé share); absent for a réservataire. */
  bailleurPropositions?: number;
}

/**
 * The progress of every convention of an exercice from the live engine state: the snapshot a
 * dashboard starts from before following `convention.progress`. A réservataire reads only its own.
 */
@Injectable()
export class ProgressionFlowService {
  constructor(
    private readonly exercices: ExercicesService,
    private readonly store: EngineStateStore,
    private readonly dataSource: DataSource,
  ) {}

  async progression(scope: AccessScope, exerciceId: string, date?: string): Promise<ProgressionExercice> {
    check.uuid(exerciceId, 'id');
    const jour = date === undefined ? new Date().toISOString().slice(0, 10) : check.day(date, 'date');
    const exercice = await this.exercices.get(scope, exerciceId);
    const live = await this.store.get({ bailleurId: exercice.bailleurId, departement: exercice.departement, annee: exercice.annee });
    const own = reservataireImpose(scope);
    const conventions = new Map(live.state.conventions.map((c) => [c.id, c]));
    const { fractionAttendue, conventions: rows } = progressionADate(live.state, jour);
    const horsFlux: Array<{ conventionId: string; n: number }> = await this.dataSource.query(
      `SELECT p.convention_id AS "conventionId", count(*)::int AS n FROM proposition p
       JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       WHERE p.bailleur_id = $1 AND p.hors_flux AND l.date BETWEEN $2::date AND $3::date GROUP BY p.convention_id`,
      [exercice.bailleurId, `${exercice.annee}-01-01`, `${exercice.annee}-12-31`],
    );
    const premieres = new Map(horsFlux.map((r) => [r.conventionId, r.n]));
    const suivi = await suiviParConvention(this.dataSource.manager, exercice.bailleurId, exercice.annee);
    const vide: SuiviConvention = { refusCal: 0, refusCandidats: 0, declins: 0, baux: 0, joursVacance: 0 };
    return {
      exerciceId,
      bailleurId: exercice.bailleurId,
      departement: exercice.departement,
      annee: exercice.annee,
      date: jour,
      fractionAttendue,
      version: live.version,
      conventions: rows.flatMap((row) => {
        const c = conventions.get(row.conventionId)!;
        return own && c.reservataireId !== own ? [] : [{ ...row, reference: c.reference, reservataireId: c.reservataireId, decompte: c.decompte.mode, premieresLocations: premieres.get(c.id) ?? 0, suivi: suivi.get(c.id) ?? vide }];
      }),
      ...(own ? {} : { bailleurPropositions: live.state.bailleurPropositions }),
    };
  }
}
