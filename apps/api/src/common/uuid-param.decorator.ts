import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequeteInvalideError } from '@aiguillage/core';

/** A path parameter that must be a UUID (400 in French otherwise). */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new RequeteInvalideError([{ champ: name, raison: 'doit être un identifiant UUID' }]),
    }),
  );
