import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type LoggerService,
  type NestMiddleware,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import pinoHttp, { type HttpLogger } from 'pino-http';
import type { AppConfig } from '../config/app-config';

/** pino behind Nest's LoggerService: the framework's own messages in the same JSON lines as ours. */
@Injectable()
export class PinoLogger implements LoggerService {
  constructor(readonly pino: pino.Logger) {}
  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}

/** Request logs (one line per request, without credentials), health checks left out. */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  private readonly handler: HttpLogger<IncomingMessage, ServerResponse>;
  constructor(logger: PinoLogger) {
    this.handler = pinoHttp({
      logger: logger.pino,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    });
  }
  use(req: IncomingMessage, res: ServerResponse, next: () => void) {
    this.handler(req, res, next);
  }
}

/** pino logs (JSON, one line per event): the logger every process hands to Nest (`app.useLogger`). */
export function loggingModule(config: AppConfig): DynamicModule {
  const logger = new PinoLogger(pino({ level: config.get('logLevel') }));
  return {
    module: LoggingModule,
    providers: [{ provide: PinoLogger, useValue: logger }, RequestLoggingMiddleware],
    exports: [PinoLogger, RequestLoggingMiddleware],
  };
}

@Global()
@Module({})
export class LoggingModule {}
