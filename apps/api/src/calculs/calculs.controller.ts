import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProtege, ApiRoute } from '../common/openapi';
import { AssietteDto, AssietteResultDto, ConversionDto, ConversionResultDto } from './calculs.dto';
import { CalculsService } from './calculs.service';

@ApiTags('calculs')
@ApiProtege()
@Controller('calculs')
export class CalculsController {
  constructor(private readonly calculs: CalculsService) {}

  @Post('assiette')
  @HttpCode(200)
  @ApiRoute({ summary: 'Assiette et flux annuel à répartir', type: AssietteResultDto, erreurs: [400] })
  assiette(@Body() dto: AssietteDto): AssietteResultDto {
    return this.calculs.assiette(dto);
  }

  @Post('conversion')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Conversion des droits en stock en part du flux (scénarios 1 à 4 du guide)',
    type: ConversionResultDto,
    erreurs: [400],
  })
  conversion(@Body() dto: ConversionDto): ConversionResultDto {
    return this.calculs.conversion(dto);
  }
}
