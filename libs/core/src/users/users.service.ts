import { Injectable } from '@nestjs/common';
import { ReservataireRepository, UserRepository, type AppUser } from '@aiguillage/persistence';
import { assertBailleur, type AccessScope, type UserRole } from '../auth/access-scope';
import { hashPassword } from '../auth/password';
import { RequeteInvalideError } from '../errors/domain-errors';

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

  /** Checks and inserts an account with the given repositories (the demo loader passes transactional ones). */
  async createAccount(input: CreateUserInput, users: UserRepository, reservataires: ReservataireRepository): Promise<UserView> {
    const isReservataire = input.role === 'RESERVATAIRE';
    if (isReservataire !== Boolean(input.reservataireId)) {
      throw new RequeteInvalideError([
        {
          champ: 'reservataireId',
          raison: isReservataire ? 'est obligatoire pour le rôle RESERVATAIRE' : 'ne se renseigne que pour le rôle RESERVATAIRE',
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
