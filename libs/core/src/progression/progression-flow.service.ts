import { Injectable } from '@nestjs/common';
import {
  progressionADate,
  type DecompteMode,
  type PoidsDecompte,
  type ProgressionConvention,
} from '@aiguillage/engine';
import { check, GeoRepository, PropositionRepository, type SuiviConvention } from '@aiguillage/persistence';
import { reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { ExercicesService } from '../referentiel/exercices.service';
import { EngineStateStore } from '../platform/live/engine-state.store';

export interface ProgressionExercice {
  exerciceId: string;
  bailleurId: string;
  departement: string;
  /** Its name (« Rhône »), null when the référentiel has none. */
  departementNom: string | null;
  annee: number;
  date: string;
  /** Share of the year's flux expected by the date (seasonal forecast). */
  fractionAttendue: number;
  /** Event id of the last transition reflected: `convention.progress` events after it move these figures. */
  version: string;
  conventions: Array<
    ProgressionConvention & {
      reference: string;
      reservataireId: string;
      /** What `realise` counts (propositions by default, attributions, leases, or a weighted mix). */
      decompte: DecompteMode;
      /** MIXTE: the weight of each step (null: equal thirds, or another mode). */
      poidsDecompte: PoidsDecompte | null;
      /** NEUF first lettings proposed to it, outside the flux (recorded apart, not counted). */ premieresLocations: number;
      /** Refusals recorded and vacancy days of the flats let. */ suivi: SuiviConvention;
    }
  >;
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
    private readonly propositions: PropositionRepository,
    private readonly geo: GeoRepository,
  ) {}

  async progression(scope: AccessScope, exerciceId: string, date?: string): Promise<ProgressionExercice> {
    check.uuid(exerciceId, 'id');
    const jour = date === undefined ? new Date().toISOString().slice(0, 10) : check.day(date, 'date');
    const exercice = await this.exercices.get(scope, exerciceId);
    const live = await this.store.get({
      bailleurId: exercice.bailleurId,
      departement: exercice.departement,
      annee: exercice.annee,
    });
    const own = reservataireImpose(scope);
    const conventions = new Map(live.state.conventions.map((c) => [c.id, c]));
    const { fractionAttendue, conventions: rows } = progressionADate(live.state, jour);
    const premieres = await this.propositions.premieresLocationsParConvention(exercice.bailleurId, exercice.annee);
    const suivi = await this.propositions.suiviParConvention(exercice.bailleurId, exercice.annee);
    const departementNom = await this.geo.nomDepartement(exercice.departement);
    const vide: SuiviConvention = { refusCal: 0, refusCandidats: 0, declins: 0, baux: 0, joursVacance: 0 };
    return {
      exerciceId,
      bailleurId: exercice.bailleurId,
      departement: exercice.departement,
      departementNom,
      annee: exercice.annee,
      date: jour,
      fractionAttendue,
      version: live.version,
      conventions: rows.flatMap((row) => {
        const c = conventions.get(row.conventionId)!;
        return own && c.reservataireId !== own
          ? []
          : [
              {
                ...row,
                reference: c.reference,
                reservataireId: c.reservataireId,
                decompte: c.decompte.mode,
                poidsDecompte: c.decompte.mode === 'MIXTE' ? (c.decompte.poids ?? null) : null,
                premieresLocations: premieres.get(c.id) ?? 0,
                suivi: suivi.get(c.id) ?? vide,
              },
            ];
      }),
      ...(own ? {} : { bailleurPropositions: live.state.bailleurPropositions }),
    };
  }
}
