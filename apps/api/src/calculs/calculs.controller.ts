import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProtege } from '../common/openapi';
import { ApiPost } from '../common/route';
import { AssietteDto, AssietteResultDto, ConversionDto, ConversionResultDto } from './calculs.dto';
import { CalculsService } from './calculs.service';

@ApiTags('calculs')
@ApiProtege()
@Controller('calculs')
export class CalculsController {
  constructor(private readonly calculs: CalculsService) {}

  @ApiPost('assiette', { summary: 'Assiette et flux annuel à répartir', type: AssietteResultDto })
  assiette(@Body() dto: AssietteDto): AssietteResultDto {
    return this.calculs.assiette(dto);
  }

  @ApiPost('conversion', {
    summary: 'Conversion des droits en stock en part du flux (scénarios 1 à 4 du guide)',
    type: ConversionResultDto,
  })
  conversion(@Body() dto: ConversionDto): ConversionResultDto {
    return this.calculs.conversion(dto);
  }
}
