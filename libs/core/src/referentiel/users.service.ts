import { Injectable } from '@nestjs/common';
import { ReservataireRepository, UserRepository, type AppUser } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope, type UserRole } from '../platform/auth/access-scope';
import { hashPassword } from '../platform/auth/password';
import { ConflitError, IntrouvableError, RequeteInvalideError } from '../errors/domain-errors';

export interface CreateUserInput {
  email: string;
  nom: string;
  password: string;
  role: UserRole;
  bailleurIds: string[];
  reservataireId?: string | null;
}

/** An account as the API shows it (never the hash). */
export type UserView = Omit<AppUser, 'passwordHash'>;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly reservataires: ReservataireRepository,
  ) {}

  /** Accounts sharing at least one bailleur with the caller. */
  async list(scope: AccessScope): Promise<UserView[]> {
    return (await this.users.findUsers({ bailleurIds: scope.bailleurIds })).map(toView);
  }

  /** Creates an account on bailleurs the caller administers (an ADMIN cannot grant more than it has). */
  async create(scope: AccessScope, input: CreateUserInput): Promise<UserView> {
    input.bailleurIds.forEach((id) => assertBailleur(scope, id));
    return this.createAccount(input, this.users, this.reservataires);
  }

  /**
   * Turns an account off (`active = false`) or back on. Deactivating ends its sessions at once: the
   * session version its tokens carry is incremented, so they stay refused even after a reactivation
   * (the API also closes its sockets). An ADMIN acts on accounts within its own bailleurs only (404
   * otherwise, as for an unknown id), and never on itself.
   */
  async setActive(scope: AccessScope, userId: string, active: boolean): Promise<UserView> {
    if (userId === scope.userId)
      throw new ConflitError('Vous ne pouvez pas désactiver ni réactiver votre propre compte');
    if (!(await this.users.setActiveWithin(userId, active, scope.bailleurIds)))
      throw new IntrouvableError('Compte', userId);
    return toView((await this.users.findUserById(userId))!);
  }

  /** Checks and inserts an account with the given repositories (the demo loader passes transactional ones). */
  async createAccount(
    input: CreateUserInput,
    users: UserRepository,
    reservataires: ReservataireRepository,
  ): Promise<UserView> {
    const isReservataire = input.role === 'RESERVATAIRE';
    if (isReservataire !== Boolean(input.reservataireId)) {
      throw new RequeteInvalideError([
        {
          champ: 'reservataireId',
          raison: isReservataire
            ? 'est obligatoire pour le rôle RESERVATAIRE'
            : 'ne se renseigne que pour le rôle RESERVATAIRE',
        },
      ]);
    }
    if (input.reservataireId && !(await reservataires.findReservataireById(input.reservataireId))) {
      throw new RequeteInvalideError([{ champ: 'reservataireId', raison: 'réservataire inconnu' }]);
    }
    const { password, ...account } = input;
    const user = await users.createUser({ ...account, passwordHash: await hashPassword(password) });
    return toView(user);
  }
}

function toView({ passwordHash: _hash, ...user }: AppUser): UserView {
  return user;
}
