import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccessScope, UserRole } from '@aiguillage/core';

export const IS_PUBLIC = 'aiguillage:public';
export const ROLES = 'aiguillage:roles';

/** The endpoint needs no token (health, login, docs). Everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the endpoint (403 otherwise); without it, any authenticated role. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The caller's `AccessScope`, set by the `AccessGuard`. */
export const Scope = createParamDecorator((_: unknown, context: ExecutionContext): AccessScope => {
  return context.switchToHttp().getRequest<{ scope: AccessScope }>().scope;
});
