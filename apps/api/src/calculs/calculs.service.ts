import { Injectable } from '@nestjs/common';
import { RequeteInvalideError } from '@aiguillage/core';
import {
  calculerAssiette,
  calculerAssietteDirecte,
  conversionScenario1,
  conversionScenario2,
  conversionScenario3,
  conversionScenario4,
  EngineInputError,
  type AssietteInput,
} from '@aiguillage/engine';
import type { AssietteDto, AssietteResultDto, ConversionDto, ConversionResultDto } from './calculs.dto';

/** Runs an engine calculation; the engine's input errors become the API's 400 (field + French reason). */
function calcul<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EngineInputError) throw new RequeteInvalideError([{ champ: error.champ, raison: error.raison }]);
    throw error;
  }
}

/** The annual figures of the gestion en flux, as a use case over the pure engine functions. */
@Injectable()
export class CalculsService {
  assiette(dto: AssietteDto): AssietteResultDto {
    return calcul(() =>
      dto.fluxBrut !== undefined || dto.exclusions !== undefined
        ? calculerAssietteDirecte({ fluxBrut: dto.fluxBrut!, exclusions: dto.exclusions! })
        : calculerAssiette(dto as AssietteInput),
    );
  }

  conversion(dto: ConversionDto): ConversionResultDto {
    return calcul((): ConversionResultDto => {
      switch (dto.scenario) {
        case 1:
          return conversionScenario1(dto as Parameters<typeof conversionScenario1>[0]);
        case 2:
          return conversionScenario2(dto as Parameters<typeof conversionScenario2>[0]);
        case 3:
          return conversionScenario3(dto as Parameters<typeof conversionScenario3>[0]);
        default:
          return conversionScenario4(dto as Parameters<typeof conversionScenario4>[0]);
      }
    });
  }
}
