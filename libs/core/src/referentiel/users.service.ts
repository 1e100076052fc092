import { Injectable } from '@nestjs/common';
import { ReservataireRepository, UserRepository, type AppUser } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { hashPassword } from '../platform/auth/password';
import { ConflitError, IntrouvableError, RequeteInvalideError } from '../errors/domain-errors';
import type { CreerCompte } from './commands';

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
  async create(scope: AccessScope, input: CreerCompte): Promise<UserView> {
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

  /** Inserts an account with the given repositories (the demo loader passes transactional ones), its réservataire known. */
  async createAccount(
    input: CreerCompte,
    users: UserRepository,
    reservataires: ReservataireRepository,
  ): Promise<UserView> {
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
