import { ArgumentsHost, Catch } from '@nestjs/common';
import { DejaOrienteError, NonTraitableError } from '@aiguillage/core/platform/live';
import type { Response } from 'express';
import { AllExceptionsFilter } from '../common/exception.filter';

/**
 * The live flow's errors on top of the API's filter: 422 for a well-formed request the data
 * refuses (unknown flat, no exercice, forbidden destination), 409 with who decided for a flat
 * already oriented.
 */
@Catch()
export class FlowExceptionFilter extends AllExceptionsFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof NonTraitableError) {
      response.status(422).json({ statusCode: 422, message: capitalize(exception.raison), erreurs: [{ champ: exception.champ, raison: exception.raison }] });
      return;
    }
    if (exception instanceof DejaOrienteError) {
      response.status(409).json({ statusCode: 409, message: exception.message, decision: exception.decision });
      return;
    }
    super.catch(exception, host);
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
