import { In, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, isUniqueViolation } from '../errors';
import { groupBy, managerOf, orNull, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { AppUserEntity, USER_ROLES, type UserRole } from './app-user.entity';
import { UserBailleurEntity } from './user-bailleur.entity';

export interface AppUser {
  id: string;
  email: string;
  nom: string;
  /** Computed and checked by the API; never a clear password. */
  passwordHash: string;
  role: UserRole;
  reservataireId: string | null;
  slackUserId: string | null;
  active: boolean;
  /** The bailleurs this user may see. */
  bailleurIds: string[];
}

export type AppUserInput = Omit<AppUser, 'id' | 'active' | 'reservataireId' | 'slackUserId'> & {
  id?: string;
  active?: boolean;
  reservataireId?: string | null;
  slackUserId?: string | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Kept for the writers without the `CreerCompte` command: the bench scripts (scripts/bench-common.ts) and the tests' seeds. */
function validate(u: AppUserInput): void {
  check.optionalUuid(u.id, 'user.id');
  if (typeof u.email !== 'string' || !EMAIL.test(u.email.trim()))
    throw new InvalidInputError('user.email', 'adresse e-mail invalide');
  check.text(u.nom, 'user.nom', 200);
  check.text(u.passwordHash, 'user.passwordHash', 255);
  check.oneOf(u.role, USER_ROLES, 'user.role');
  const reservataireId = check.optionalUuid(u.reservataireId, 'user.reservataireId');
  if ((u.role === 'RESERVATAIRE') !== (reservataireId !== null)) {
    throw new InvalidInputError(
      'user.reservataireId',
      'obligatoire pour le rôle RESERVATAIRE, interdit pour les autres rôles',
    );
  }
  check.optionalText(u.slackUserId, 'user.slackUserId', 32);
  if (!Array.isArray(u.bailleurIds)) throw new InvalidInputError('user.bailleurIds', 'liste attendue');
  u.bailleurIds.forEach((id, i) => check.uuid(id, `user.bailleurIds[${i}]`));
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Creates a user and its bailleurs (email stored lower-cased; a taken email is a conflict). */
  async createUser(input: AppUserInput): Promise<AppUser> {
    validate(input);
    return managerOf(this.db).transaction(async (manager) => {
      const entity = manager.create(AppUserEntity, {
        ...(input.id ? { id: input.id } : {}),
        email: normalizeEmail(input.email),
        nom: input.nom,
        passwordHash: input.passwordHash,
        role: input.role,
        reservataireId: orNull(input.reservataireId),
        slackUserId: orNull(input.slackUserId),
        active: input.active ?? true,
      });
      try {
        await manager.insert(AppUserEntity, entity);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_app_user_email'))
          throw new ConflictError(`l'adresse ${entity.email} est déjà utilisée`);
        if (isUniqueViolation(error, 'uq_app_user_slack_user_id'))
          throw new ConflictError(`le compte Slack ${entity.slackUserId} est déjà associé`);
        throw error;
      }
      const bailleurIds = [...new Set(input.bailleurIds)];
      if (bailleurIds.length > 0)
        await manager.insert(
          UserBailleurEntity,
          bailleurIds.map((bailleurId) => ({ userId: entity.id, bailleurId })),
        );
      return this.withBailleurs(manager, entity);
    });
  }

  async findUserByEmail(email: string): Promise<AppUser | null> {
    const manager = managerOf(this.db);
    const e = await manager.findOneBy(AppUserEntity, { email: normalizeEmail(email) });
    return e ? this.withBailleurs(manager, e) : null;
  }

  async findUserById(id: string): Promise<AppUser | null> {
    const manager = managerOf(this.db);
    const e = await manager.findOneBy(AppUserEntity, { id: check.uuid(id, 'id') });
    return e ? this.withBailleurs(manager, e) : null;
  }

  async findUserBySlackId(slackUserId: string): Promise<AppUser | null> {
    const manager = managerOf(this.db);
    const e = await manager.findOneBy(AppUserEntity, { slackUserId });
    return e ? this.withBailleurs(manager, e) : null;
  }

  /** Users who may see at least one of `bailleurIds`. */
  async findUsers(filter: { bailleurIds: readonly string[] }): Promise<AppUser[]> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    const manager = managerOf(this.db);
    const links = await manager.find(UserBailleurEntity, { where: { bailleurId: In([...scope]) } });
    const ids = [...new Set(links.map((l) => l.userId))];
    if (ids.length === 0) return [];
    const users = await manager.find(AppUserEntity, { where: { id: In(ids) }, order: { email: 'ASC' } });
    const allLinks = groupBy(
      await manager.find(UserBailleurEntity, { where: { userId: In(ids) }, order: { bailleurId: 'ASC' } }),
      (l) => l.userId,
    );
    return users.map((u) => toAppUser(u, allLinks.get(u.id) ?? []));
  }

  async setUserBailleurs(userId: string, bailleurIds: readonly string[]): Promise<void> {
    check.uuid(userId, 'userId');
    bailleurIds.forEach((id, i) => check.uuid(id, `bailleurIds[${i}]`));
    await managerOf(this.db).transaction(async (manager) => {
      await manager.delete(UserBailleurEntity, { userId });
      const unique = [...new Set(bailleurIds)];
      if (unique.length > 0)
        await manager.insert(
          UserBailleurEntity,
          unique.map((bailleurId) => ({ userId, bailleurId })),
        );
    });
  }

  async setUserActive(userId: string, active: boolean): Promise<void> {
    await managerOf(this.db).update(
      AppUserEntity,
      { id: check.uuid(userId, 'userId') },
      { active: check.boolean(active, 'active') },
    );
  }

  private async withBailleurs(manager: EntityManager, e: AppUserEntity): Promise<AppUser> {
    return toAppUser(
      e,
      await manager.find(UserBailleurEntity, { where: { userId: e.id }, order: { bailleurId: 'ASC' } }),
    );
  }

  /** The account's session version (bumped when it is deactivated: older tokens are refused). */
  async sessionVersion(userId: string): Promise<number> {
    const [{ version }] = await managerOf(this.db).query<Array<{ version: number }>>(
      `SELECT session_version AS version FROM app_user WHERE id = $1`,
      [userId],
    );
    return version;
  }

  /** The scope of an active account whose session version is `sessionVersion` (role, bailleurs, réservataire), in one query. */
  async activeScope(
    userId: string,
    sessionVersion: number,
  ): Promise<{
    userId: string;
    email: string;
    role: UserRole;
    reservataireId: string | null;
    bailleurIds: string[];
  } | null> {
    const [row] = await managerOf(this.db).query<
      Array<{ userId: string; email: string; role: UserRole; reservataireId: string | null; bailleurIds: string[] }>
    >(
      `SELECT u.id AS "userId", u.email, u.role, u.reservataire_id AS "reservataireId",
              array(SELECT ub.bailleur_id::text FROM user_bailleur ub WHERE ub.user_id = u.id ORDER BY ub.bailleur_id) AS "bailleurIds"
       FROM app_user u WHERE u.id = $1 AND u.active AND u.session_version = $2`,
      [userId, sessionVersion],
    );
    return row ?? null;
  }

  /**
   * Turns an account on or off (off: its session version is incremented), if every one of its
   * bailleurs is among `bailleurIds` (and it has one). False when nothing was changed.
   */
  async setActiveWithin(userId: string, active: boolean, bailleurIds: readonly string[]): Promise<boolean> {
    const rows = await managerOf(this.db).query<Array<{ id: string }>>(
      // A SELECT over the UPDATE: TypeORM returns [rows, count] for a bare UPDATE.
      `WITH changed AS (UPDATE app_user u SET active = $2, session_version = u.session_version + CASE WHEN $2 THEN 0 ELSE 1 END, updated_at = now()
       WHERE u.id = $1
         AND EXISTS (SELECT 1 FROM user_bailleur ub WHERE ub.user_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM user_bailleur ub WHERE ub.user_id = u.id AND NOT (ub.bailleur_id = ANY($3::uuid[])))
       RETURNING u.id)
       SELECT id FROM changed`,
      [userId, active, bailleurIds],
    );
    return rows.length > 0;
  }

  /**
   * Links the account to a Slack user unless it is linked already or was unlinked by an ADMIN
   * (`slack_unlinked_at`); true when linked now.
   */
  async linkSlackIfFree(userId: string, slackUserId: string): Promise<boolean> {
    const rows = await managerOf(this.db).query<Array<{ id: string }>>(
      `WITH lie AS (UPDATE app_user SET slack_user_id = $1 WHERE id = $2 AND slack_user_id IS NULL AND slack_unlinked_at IS NULL RETURNING id) SELECT id FROM lie`,
      [slackUserId, userId],
    );
    return rows.length > 0;
  }

  /** The e-mail of another account already linked to this Slack user, if any. */
  async emailOfOtherSlackLink(slackUserId: string, exceptUserId: string): Promise<string | null> {
    const [row] = await managerOf(this.db).query<Array<{ email: string }>>(
      `SELECT email FROM app_user WHERE slack_user_id = $1 AND id <> $2`,
      [slackUserId, exceptUserId],
    );
    return row?.email ?? null;
  }

  /** Links the account to a Slack user (an ADMIN's link: clears a former unlink). */
  async linkSlack(userId: string, slackUserId: string): Promise<void> {
    await managerOf(this.db).query(`UPDATE app_user SET slack_user_id = $1, slack_unlinked_at = NULL WHERE id = $2`, [
      slackUserId,
      userId,
    ]);
  }

  /** Removes the Slack link, remembered: the account is no longer linked by e-mail. */
  async unlinkSlack(userId: string): Promise<void> {
    await managerOf(this.db).query(
      `UPDATE app_user SET slack_user_id = NULL, slack_unlinked_at = now() WHERE id = $1`,
      [userId],
    );
  }
}

function toAppUser(e: AppUserEntity, links: readonly UserBailleurEntity[]): AppUser {
  return {
    id: e.id,
    email: e.email,
    nom: e.nom,
    passwordHash: e.passwordHash,
    role: e.role,
    reservataireId: e.reservataireId,
    slackUserId: e.slackUserId,
    active: e.active,
    bailleurIds: links.map((l) => l.bailleurId),
  };
}
