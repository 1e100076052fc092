import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppUserEntity, ReservataireEntity, UserBailleurEntity } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope, type UserRole } from '../auth/access-scope';
import { hashPassword } from '../auth/password';
import { ConflitError, RequeteInvalideError } from '../errors/domain-errors';

export interface CreateUserInput {
  email: string;
  nom: string;
  password: string;
  role: UserRole;
  bailleurIds: string[];
  reservataireId?: string | null;
}

/** An account as the API shows it (never the hash). */
export interface UserView {
  id: string;
  email: string;
  nom: string;
  role: UserRole;
  bailleurIds: string[];
  reservataireId: string | null;
  active: boolean;
}

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  /** Accounts sharing at least one bailleur with the caller. */
  async list(scope: AccessScope): Promise<UserView[]> {
    const links = await this.dataSource.getRepository(UserBailleurEntity).findBy({ bailleurId: In(scope.bailleurIds) });
    const userIds = [...new Set(links.map((l) => l.userId))];
    if (userIds.length === 0) return [];
    const [users, allLinks] = await Promise.all([
      this.dataSource.getRepository(AppUserEntity).find({ where: { id: In(userIds) }, order: { email: 'ASC' } }),
      this.dataSource.getRepository(UserBailleurEntity).findBy({ userId: In(userIds) }),
    ]);
    return users.map((u) => toView(u, allLinks.filter((l) => l.userId === u.id).map((l) => l.bailleurId)));
  }

  /** Creates an account on bailleurs the caller administers (an ADMIN cannot grant more than it has). */
  async create(scope: AccessScope, input: CreateUserInput): Promise<UserView> {
    input.bailleurIds.forEach((id) => assertBailleur(scope, id));
    return this.dataSource.transaction((manager) => this.insert(manager, input));
  }

  /** Inserts an account and its bailleurs in the caller's transaction (used by the demo loader too). */
  async insert(manager: EntityManager, input: CreateUserInput): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const isReservataire = input.role === 'RESERVATAIRE';
    if (isReservataire !== Boolean(input.reservataireId)) {
      throw new RequeteInvalideError([
        {
          champ: 'reservataireId',
          raison: isReservataire ? 'est obligatoire pour le rôle RESERVATAIRE' : 'ne se renseigne que pour le rôle RESERVATAIRE',
        },
      ]);
    }
    if (input.reservataireId && !(await manager.getRepository(ReservataireEntity).existsBy({ id: input.reservataireId }))) {
      throw new RequeteInvalideError([{ champ: 'reservataireId', raison: 'réservataire inconnu' }]);
    }
    if (await manager.getRepository(AppUserEntity).existsBy({ email })) {
      throw new ConflitError(`Un compte existe déjà pour ${email}`);
    }
    const user = await manager.getRepository(AppUserEntity).save({
      email,
      nom: input.nom,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      reservataireId: input.reservataireId ?? null,
      active: true,
    });
    const bailleurIds = [...new Set(input.bailleurIds)].sort();
    if (bailleurIds.length > 0) {
      await manager.getRepository(UserBailleurEntity).insert(bailleurIds.map((bailleurId) => ({ userId: user.id, bailleurId })));
    }
    return toView(user, bailleurIds);
  }
}

function toView(user: AppUserEntity, bailleurIds: string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    nom: user.nom,
    role: user.role,
    bailleurIds,
    reservataireId: user.reservataireId,
    active: user.active,
  };
}
