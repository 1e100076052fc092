import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppUserEntity, UserBailleurEntity } from '@aiguillage/persistence';
import { AppConfig } from '../config/app-config';
import { NonAuthentifieError } from '../errors/domain-errors';
import type { AccessScope, UserRole } from './access-scope';
import { hashPassword, verifyPassword } from './password';

interface TokenClaims {
  sub: string;
  role: UserRole;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  utilisateur: AccessScope & { nom: string };
}

/** Login (scrypt-hashed passwords, JWT) and the caller's scope, for every adapter (HTTP, socket, Slack). */
@Injectable()
export class AuthService {
  /** Compared against when the e-mail is unknown, so both failures take the same time. */
  private readonly decoyHash = hashPassword('aiguillage-decoy');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(AppUserEntity).findOneBy({ email: email.trim().toLowerCase() });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || !user.active) throw new NonAuthentifieError('Identifiants invalides');
    const scope = await this.scopeOf(user.id);
    if (!scope) throw new NonAuthentifieError('Identifiants invalides');
    const claims: TokenClaims = { sub: user.id, role: user.role };
    const expiresIn = this.config.get('jwtTtlSeconds');
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      utilisateur: { ...scope, nom: user.nom },
    };
  }

  /** The scope behind a token; 401 when the token is invalid, expired, or its account inactive. */
  async verify(token: string): Promise<AccessScope> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      throw new NonAuthentifieError('Jeton invalide ou expiré');
    }
    const scope = await this.scopeOf(claims.sub);
    if (!scope) throw new NonAuthentifieError('Compte inconnu ou désactivé');
    return scope;
  }

  /** Role, bailleurs and réservataire of an active account (null when unknown or inactive). */
  async scopeOf(userId: string): Promise<AccessScope | null> {
    const user = await this.dataSource.getRepository(AppUserEntity).findOneBy({ id: userId, active: true });
    if (!user) return null;
    const links = await this.dataSource.getRepository(UserBailleurEntity).find({ where: { userId }, order: { bailleurId: 'ASC' } });
    return {
      userId: user.id,
      email: user.email,
      role: user.role,
      bailleurIds: links.map((link) => link.bailleurId),
      reservataireId: user.reservataireId,
    };
  }
}
