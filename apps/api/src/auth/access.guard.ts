import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccesInterditError,
  AuthService,
  NonAuthentifieError,
  type AccessScope,
  type UserRole,
} from '@aiguillage/core';
import { IS_PUBLIC, ROLES } from './auth.decorators';

/**
 * The global guard: every route requires a valid bearer token unless marked `@Public()`; `@Roles()`
 * narrows it to some roles. The caller's scope (role, bailleurs, réservataire) is reloaded from the
 * database on each request, so a deactivated account or a changed perimeter applies at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; scope?: AccessScope }>();
    const [type, token] = (request.headers.authorization ?? '').split(' ');
    if (type !== 'Bearer' || !token) throw new NonAuthentifieError('Authentification requise : jeton Bearer manquant');
    const scope = await this.auth.verify(token);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(scope.role)) {
      throw new AccesInterditError(`Accès refusé : réservé aux rôles ${roles.join(', ')}`);
    }
    request.scope = scope;
    return true;
  }
}
