import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { serveConsole } from './console/console-static';
import { PinoLogger, RequestLoggingMiddleware } from '@aiguillage/core';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/** What `main.ts` and the tests both apply to the Nest app: prefix, logger, OpenAPI docs. */
export function setupApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(PinoLogger));
  const requestLogging = app.get(RequestLoggingMiddleware);
  app.use(requestLogging.use.bind(requestLogging));
  app.setGlobalPrefix(API_PREFIX);
  // JSON imports (conventions, profils) can exceed Express's 100 kB default; CSV bodies are streamed.
  (app as NestExpressApplication).useBodyParser('json', { limit: '20mb' });
  app.enableCors();
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
