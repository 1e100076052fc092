import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserRepository, type AppUser } from '@aiguillage/persistence';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scopeOfUser(user: AppUser): AccessScope {
  return { userId: user.id, email: user.email, role: user.role, bailleurIds: user.bailleurIds, reservataireId: user.reservataireId };
}

/** Login (scrypt-hashed passwords, JWT) and the caller's scope, for every adapter (HTTP, socket, Slack). */
@Injectable()
export class AuthService {
  /** Compared against when the e-mail is unknown, so both failures take the same time. */
  private readonly decoyHash = hashPassword('aiguillage-decoy');

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findUserByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || !user.active) throw new NonAuthentifieError('Identifiants invalides');
    const claims: TokenClaims = { sub: user.id, role: user.role };
    const expiresIn = this.config.get('jwtTtlSeconds');
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      utilisateur: { ...scopeOfUser(user), nom: user.nom },
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
    const user = typeof claims.sub === 'string' && UUID.test(claims.sub) ? await this.users.findUserById(claims.sub) : null;
    if (!user || !user.active) throw new NonAuthentifieError('Compte inconnu ou désactivé');
    return scopeOfUser(user);
  }
}
