import { Injectable } from '@nestjs/common';
import type { Logement, Programme, Typologie } from '@aiguillage/engine';
import { LogementRepository, ProgrammeRepository, type Page } from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { assertBailleur, bailleursVisibles, type AccessScope } from '../platform/auth/access-scope';
import { ConflitError, IntrouvableError, RequeteInvalideError } from '../errors/domain-errors';
import { signalerReferenceModifiee } from '../platform/live/reference';
import type { CreerLogement, ModifierLogement } from './patrimoine.commands';

export interface LogementQuery {
  bailleurId?: string;
  commune?: string;
  qpv?: boolean;
  typologie?: Typologie;
  programmeId?: string;
  limit?: number;
  offset?: number;
}

/** The patrimoine: programmes (résidences) and flats, scoped by the caller's bailleurs. */
@Injectable()
export class PatrimoineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logements: LogementRepository,
    private readonly programmes: ProgrammeRepository,
  ) {}

  listProgrammes(scope: AccessScope, query: { bailleurId?: string; commune?: string }): Promise<Programme[]> {
    return this.programmes.findProgrammes({
      bailleurIds: bailleursVisibles(scope, query.bailleurId),
      commune: query.commune,
    });
  }

  listLogements(scope: AccessScope, { bailleurId, ...filter }: LogementQuery): Promise<Page<Logement>> {
    return this.logements.findLogements({ ...filter, bailleurIds: bailleursVisibles(scope, bailleurId) });
  }

  async getLogement(scope: AccessScope, id: string): Promise<Logement> {
    const logement = await this.logements.findLogementById(scope.bailleurIds, id);
    if (!logement) throw new IntrouvableError('Logement', id);
    return logement;
  }

  /** A new flat; its RPLS id must be new (a flat of another bailleur is never overwritten). */
  async createLogement(scope: AccessScope, input: CreerLogement): Promise<Logement> {
    assertBailleur(scope, input.bailleurId);
    return this.dataSource.transaction(async (manager) => {
      await assertProgrammeOf(manager, input.bailleurId, input.programmeId);
      const repository = new LogementRepository(manager);
      if ((await repository.lockRpls(input.rplsId)) !== null)
        throw new ConflitError(`Un logement existe déjà avec l'identifiant RPLS ${input.rplsId}`);
      await repository.upsertLogements([input]);
      await signalerReferenceModifiee(manager, [input.bailleurId]);
      const id = await repository.idOfRpls(input.rplsId);
      return (await repository.findLogementById([input.bailleurId], id!))!;
    });
  }

  /** Changes some fields of a flat of the caller's bailleurs (RPLS id and bailleur are fixed). */
  async updateLogement(scope: AccessScope, id: string, changes: ModifierLogement): Promise<Logement> {
    return this.dataSource.transaction(async (manager) => {
      const repository = new LogementRepository(manager);
      const current = await repository.findLogementById(scope.bailleurIds, id);
      if (!current) throw new IntrouvableError('Logement', id);
      // Absent fields stay as they are (a command instance carries them as undefined).
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const next: Logement = { ...current, ...given };
      await assertProgrammeOf(manager, next.bailleurId, given.programmeId as string | null | undefined);
      if (!next.qpv) next.qpvCode = null;
      await repository.upsertLogements([next]);
      await signalerReferenceModifiee(manager, [next.bailleurId]);
      return (await repository.findLogementById(scope.bailleurIds, id))!;
    });
  }
}

/**
 * A flat joins a programme of its own bailleur only. Another bailleur's programme and an unknown id
 * get the same 400: the answer never tells whether another bailleur's programme exists.
 */
async function assertProgrammeOf(
  manager: EntityManager,
  bailleurId: string,
  programmeId: string | null | undefined,
): Promise<void> {
  if (programmeId === undefined || programmeId === null) return;
  if (!(await new ProgrammeRepository(manager).isOfBailleur(programmeId, bailleurId)))
    throw new RequeteInvalideError([
      { champ: 'programmeId', raison: "n'est pas un programme du bailleur de ce logement" },
    ]);
}
