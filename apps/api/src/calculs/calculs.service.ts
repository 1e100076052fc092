import { Injectable } from '@nestjs/common';
import {
  calculerAssiette,
  calculerAssietteDirecte,
  conversionScenario1,
  conversionScenario2,
  conversionScenario3,
  conversionScenario4,
  type AssietteInput,
} from '@aiguillage/engine';
import type { AssietteDto, AssietteResultDto, ConversionDto, ConversionResultDto } from './calculs.dto';

/**
 * The annual figures of the gestion en flux, as a use case over the pure engine functions. The
 * engine's input errors reach the exception filter, which answers them 400 (field + French reason).
 */
@Injectable()
export class CalculsService {
  assiette(dto: AssietteDto): AssietteResultDto {
    return dto.fluxBrut !== undefined || dto.exclusions !== undefined
      ? calculerAssietteDirecte({ fluxBrut: dto.fluxBrut!, exclusions: dto.exclusions! })
      : calculerAssiette(dto as AssietteInput);
  }

  conversion(dto: ConversionDto): ConversionResultDto {
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
  }
}
