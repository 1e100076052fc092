import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { AuthService, NonAuthentifieError } from '@aiguillage/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'http';
import { sendError } from './request-body';

/** The options of the socket.io server Nest runs (its own copy of socket.io). */
type IoOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/**
 * The hardening headers (helmet). The CSP lets a bundled single-page console served from the same
 * origin work (its scripts and styles from 'self', Mantine's inline styles, the socket on ws/wss)
 * and the OpenAPI page. HSTS only on requests that came over TLS (behind a trusted proxy), and
 * `upgrade-insecure-requests` only then: a plain-HTTP local start keeps working.
 */
export function securityHeaders(tls: boolean): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    headers(req, res, next);
  };
}

/** Cross-origin browsers allowed on the REST API: the configured list, none by default (same origin only). */
export function corsOptions(allowlist: readonly string[]): CorsOptions {
  return { origin: allowlist.length > 0 ? [...allowlist] : false, credentials: false, maxAge: 600 };
}

/**
 * Whether a socket handshake may proceed: no Origin (not a browser), the page's own origin (same
 * host as the request), or a configured one. A cross-site page is refused: websockets are not
 * covered by CORS, so the server checks the origin itself.
 */
export function socketOriginAllowed(req: IncomingMessage, allowlist: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowlist.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** socket.io with the origin check and CORS of the configuration (the gateways declare none). */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowlist: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoOptions): ReturnType<IoAdapter['createIOServer']> {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: this.allowlist.length > 0 ? [...this.allowlist] : false },
      allowRequest: (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) =>
        callback(null, socketOriginAllowed(req, this.allowlist)),
    } as IoOptions);
  }
}

/** The public routes (see the `@Public()` handlers): the login, the health check. */
const PUBLIC_WITH_BODY = /^\/api\/(auth\/login|health)\/?$/;

/**
 * Before any body is read: a request that carries one must present a token signed by us (the
 * login excepted); otherwise 401 at once, its body never parsed nor buffered. The account itself
 * is checked by the AccessGuard afterwards.
 */
export function authenticateBeforeBody(auth: AuthService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || PUBLIC_WITH_BODY.test(req.path)) return next();
    const [type, token] = (req.headers.authorization ?? '').split(' ');
    if (type === 'Bearer' && token && auth.isSigned(token)) return next();
    sendError(
      res,
      new NonAuthentifieError(
        type === 'Bearer' && token ? 'Jeton invalide ou expiré' : 'Authentification requise : jeton Bearer manquant',
      ),
    );
  };
}
