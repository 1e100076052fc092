import { Injectable } from '@nestjs/common';
import type { Convention, Reservataire, VersionConvention } from '@aiguillage/engine';
import {
  ConventionRepository,
  ConventionVersionRepository,
  ReservataireRepository,
  type ConventionInput,
} from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { assertBailleur, bailleursVisibles, reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError, ConflitError, IntrouvableError, RequeteInvalideError } from '../errors/domain-errors';
import { signalerReferenceModifiee } from '../platform/live/reference';
import { depassementsPlafonds, refuserDepassements } from './plafonds-conventions';
import { aujourdhui, versionner } from './versions-conventions';
import { randomUUID } from 'crypto';
import { conventionDe, type CreerReservataire, type EnregistrerConvention } from './conventions.commands';

export interface ConventionQuery {
  bailleurId?: string;
  reservataireId?: string;
  departement?: string;
  valideLe?: string;
}

/** Conventions and réservataires. A RESERVATAIRE user reads its own conventions only. */
@Injectable()
export class ConventionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conventions: ConventionRepository,
    private readonly reservataires: ReservataireRepository,
  ) {}

  list(scope: AccessScope, query: ConventionQuery): Promise<Convention[]> {
    const own = reservataireImpose(scope);
    if (own && query.reservataireId && query.reservataireId !== own) {
      throw new AccesInterditError('Accès refusé : vous ne voyez que les conventions de votre réservataire');
    }
    return this.conventions.findConventions({
      bailleurIds: bailleursVisibles(scope, query.bailleurId),
      reservataireId: own ?? query.reservataireId,
      departement: query.departement,
      valideLe: query.valideLe,
    });
  }

  async get(scope: AccessScope, id: string): Promise<Convention> {
    const convention = await this.conventions.findConventionById(scope.bailleurIds, id);
    if (!convention) throw new IntrouvableError('Convention', id);
    const own = reservataireImpose(scope);
    if (own && convention.reservataireId !== own) {
      throw new AccesInterditError("Accès refusé : cette convention n'est pas celle de votre réservataire");
    }
    return convention;
  }

  async create(scope: AccessScope, commande: EnregistrerConvention): Promise<Convention> {
    const input = conventionDe(commande);
    assertBailleur(scope, input.bailleurId);
    await this.reservataireConnu(input);
    return this.dataSource.transaction(async (manager) => {
      refuserDepassements(await depassementsPlafonds(manager, [{ ...input, id: input.id ?? randomUUID() }]));
      const [created] = await new ConventionRepository(manager).saveConventions([input]);
      await signalerReferenceModifiee(manager, [created.bailleurId]);
      return created;
    });
  }

  /** The versions of a convention's terms, each in force from its date (none for a convention never changed). */
  async versions(scope: AccessScope, id: string): Promise<VersionConvention[]> {
    await this.get(scope, id);
    return (await new ConventionVersionRepository(this.dataSource).findVersions([id]))[id] ?? [];
  }

  /**
   * Replaces a convention (same bailleur; the id stays) from `dateEffet` (default: today, UTC): the
   * former terms stay in force before that date, so what was counted stays counted (issue 9,
   * finding 11). A change dated on or before the convention's start replaces it whole; a change
   * dated before its last recorded version is refused.
   */
  async update(scope: AccessScope, id: string, commande: EnregistrerConvention): Promise<Convention> {
    const input = conventionDe(commande);
    const dateEffet = commande.dateEffet ?? aujourdhui();
    return this.dataSource.transaction(async (manager) => {
      const repository = new ConventionRepository(manager);
      const current = await repository.findConventionById(scope.bailleurIds, id);
      if (!current) throw new IntrouvableError('Convention', id);
      if (input.bailleurId !== current.bailleurId) {
        throw new RequeteInvalideError([
          { champ: 'bailleurId', raison: "ne peut pas changer : créer une nouvelle convention pour l'autre bailleur" },
        ]);
      }
      await this.reservataireConnu(input);
      refuserDepassements(await depassementsPlafonds(manager, [{ ...input, id }]));
      const [updated] = await repository.saveConventions([{ ...input, id }]);
      await versionner(manager, current, updated, dateEffet);
      await signalerReferenceModifiee(manager, [updated.bailleurId]);
      return updated;
    });
  }

  listReservataires(scope: AccessScope): Promise<Reservataire[]> {
    const own = reservataireImpose(scope);
    if (own) return this.reservataires.findReservataireById(own).then((r) => (r ? [r] : []));
    return this.reservataires.findReservataires({ bailleurIds: scope.bailleurIds });
  }

  async getReservataire(scope: AccessScope, id: string): Promise<Reservataire> {
    const own = reservataireImpose(scope);
    if (own && own !== id) throw new AccesInterditError("Accès refusé : ce n'est pas votre réservataire");
    const reservataire = await this.reservataires.findReservataireById(id);
    if (!reservataire) throw new IntrouvableError('Réservataire', id);
    return reservataire;
  }

  /** A new réservataire (codes are unique and shared by every bailleur: an existing one is never renamed here). */
  async createReservataire(input: CreerReservataire): Promise<Reservataire> {
    return this.dataSource.transaction(async (manager) => {
      const reservataires = new ReservataireRepository(manager);
      if (await reservataires.lockCode(input.code))
        throw new ConflitError(`Le code réservataire ${input.code} existe déjà`);
      const [created] = await reservataires.upsertReservataires([input]);
      return created;
    });
  }

  private async reservataireConnu(input: ConventionInput): Promise<void> {
    if (!(await this.reservataires.findReservataireById(input.reservataireId))) {
      throw new RequeteInvalideError([{ champ: 'reservataireId', raison: 'réservataire inconnu' }]);
    }
  }
}
