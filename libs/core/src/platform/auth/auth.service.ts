import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { UserRepository, type AppUser } from '@aiguillage/persistence';
import { AppConfig } from '../config/app-config';
import { NonAuthentifieError } from '../../errors/domain-errors';
import type { AccessScope, UserRole } from './access-scope';
import { hashPassword, verifyPassword } from './password';

interface TokenClaims {
  sub: string;
  role: UserRole;
  /** The account's session version at login (see `app_user.session_version`). */
  sv?: number;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  utilisateur: AccessScope & { nom: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scopeOfUser(user: AppUser): AccessScope {
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    bailleurIds: user.bailleurIds,
    reservataireId: user.reservataireId,
  };
}

/** Login (scrypt-hashed passwords, JWT) and the caller's scope, for every adapter (HTTP, socket, Slack). */
@Injectable()
export class AuthService {
  /** Compared against when the e-mail is unknown, so both failures take the same time. */
  private readonly decoyHash = hashPassword('aiguillage-decoy');
  /** The HMAC key, built once (given as a string, jsonwebtoken rebuilds a key object at every verify). */
  private readonly verifyKey: KeyObject;

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.verifyKey = createSecretKey(Buffer.from(this.config.get('jwtSecret'), 'utf8'));
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findUserByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || !user.active) throw new NonAuthentifieError('Identifiants invalides');
    const version = await this.users.sessionVersion(user.id);
    const claims: TokenClaims = { sub: user.id, role: user.role, sv: version };
    const expiresIn = this.config.get('jwtTtlSeconds');
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      utilisateur: { ...scopeOfUser(user), nom: user.nom },
    };
  }

  /**
   * Whether a token is signed by us and unexpired, without reading the database: the check made
   * before a request body is read (the account is checked afterwards by `verify`).
   */
  isSigned(token: string): boolean {
    try {
      this.jwt.verify(token, { secret: this.verifyKey as unknown as string });
      return true;
    } catch {
      return false;
    }
  }

  /** The scope behind a token; 401 when the token is invalid, expired, older than a deactivation, or its account inactive. */
  async verify(token: string): Promise<AccessScope> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token, { secret: this.verifyKey as unknown as string });
    } catch {
      throw new NonAuthentifieError('Jeton invalide ou expiré');
    }
    const scope =
      typeof claims.sub === 'string' && UUID.test(claims.sub)
        ? await this.activeScope(claims.sub, claims.sv ?? 0)
        : null;
    if (!scope) throw new NonAuthentifieError('Compte inconnu ou désactivé');
    return scope;
  }

  /**
   * The scope of an active account, read fresh (role, bailleurs, réservataire) in one query; null
   * otherwise, or when the token was issued before the account's last deactivation (older version).
   */
  private async activeScope(userId: string, sessionVersion: number): Promise<AccessScope | null> {
    return this.users.activeScope(userId, Number.isSafeInteger(sessionVersion) ? sessionVersion : -1);
  }
}
