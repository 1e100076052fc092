import { ValidationPipe } from '@nestjs/common';
import { erreursEnFrancais, RequeteInvalideError, VALIDATION_OPTIONS } from '@aiguillage/core';

/**
 * Every body, query and param DTO: converted to its class, unknown fields refused, and each bad field
 * reported with its French reason (400 `{"message":"Requête invalide","erreurs":[{champ, raison}]}`).
 */
export function frenchValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    // The French messages are built from the decorators of the error's target class: keep it on the
    // errors (they never leave the server; the response only carries { champ, raison }).
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new RequeteInvalideError(erreursEnFrancais(errors)),
  });
}
