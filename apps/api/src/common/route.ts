import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiRoute, type ErreurHttp, type RouteDoc } from './openapi';

/**
 * One route: its HTTP method and path, its success status (the documented one is the one sent) and
 * its OpenAPI (`ApiRoute`). The error answers that follow from the route itself are added here, so
 * `doc.erreurs` lists only the route's own: a path parameter answers 400 (malformed, see `UuidParam`)
 * and 404 (absent, or outside the caller's scope); a write answers 400 (its body is validated).
 */
function route(method: (path?: string) => MethodDecorator, ecriture: boolean) {
  return (...args: [doc: RouteDoc] | [path: string, doc: RouteDoc]): MethodDecorator => {
    const [path, doc] = args.length === 1 ? ['', args[0]] : args;
    const erreurs = new Set<ErreurHttp>([
      ...(path.includes(':') ? ([400, 404] as const) : []),
      ...(ecriture ? ([400] as const) : []),
      ...(doc.erreurs ?? []),
    ]);
    return applyDecorators(
      method(path),
      HttpCode(doc.status ?? 200),
      ApiRoute({ ...doc, erreurs: [...erreurs].sort((a, b) => a - b) }),
    );
  };
}

export const ApiGet = route(Get, false);
export const ApiPost = route(Post, true);
export const ApiPut = route(Put, true);
export const ApiPatch = route(Patch, true);
export const ApiDelete = route(Delete, false);
