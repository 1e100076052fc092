import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { TropDeRequetesError } from '@aiguillage/core';
import type { Response } from 'express';
import { toErrorBody } from './http-errors';

/**
 * The API's one exception filter (global, every route): the body is `toErrorBody`'s, a 429 says
 * when to retry, a 503 to retry soon, a 5xx is logged with its stack (never sent).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (exception instanceof TropDeRequetesError)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }
}
