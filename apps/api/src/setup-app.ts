import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, AuthService, PinoLogger, RequestLoggingMiddleware } from '@aiguillage/core';
import { authenticateBeforeBody, ConfiguredIoAdapter, corsOptions, securityHeaders } from './common/http-security';
import { drainUnreadBody, jsonBodyParser, urlencodedParser } from './common/request-body';
import { serveConsole } from './console/console-static';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/**
 * What `main.ts` and the tests both apply to the Nest app, in this order: an early answer always
 * reaches the client, hardening headers, request log, authentication before any body is read,
 * the API's JSON parser (1 MB, 20 MB for JSON imports; NUL, prototype keys and deep nesting
 * refused), CORS and the socket origin check from the configuration, prefix, OpenAPI docs.
 */
export function setupApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(PinoLogger));
  express.disable('x-powered-by');
  if (config.get('trustProxy')) express.set('trust proxy', true);
  app.use(drainUnreadBody);
  app.use(securityHeaders(config.get('trustProxy')));
  const requestLogging = app.get(RequestLoggingMiddleware);
  app.use(requestLogging.use.bind(requestLogging));
  app.use(authenticateBeforeBody(app.get(AuthService)));
  app.use(jsonBodyParser());
  app.use(urlencodedParser);
  app.enableCors(corsOptions(config.get('corsOrigins')));
  app.useWebSocketAdapter(new ConfiguredIoAdapter(app, config.get('corsOrigins')));
  app.setGlobalPrefix(API_PREFIX);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aiguillage')
      .setDescription(
        "Moteur d'orientation des logements sociaux libérés (gestion en flux des réservations). " +
          'Toutes les routes demandent un jeton Bearer (POST /api/auth/login) sauf /api/health et /api/docs.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  // The attribution console (apps/console, built by `npm run build:console`) at `/`.
  serveConsole(app);
  return app;
}
