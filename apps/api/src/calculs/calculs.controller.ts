import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssietteDto, AssietteResultDto, ConversionDto, ConversionResultDto } from './calculs.dto';
import { CalculsService } from './calculs.service';

@ApiTags('calculs')
@ApiBearerAuth()
@Controller('calculs')
export class CalculsController {
  constructor(private readonly calculs: CalculsService) {}

  @Post('assiette')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assiette et flux annuel à répartir' })
  @ApiOkResponse({ type: AssietteResultDto })
  assiette(@Body() dto: AssietteDto): AssietteResultDto {
    return this.calculs.assiette(dto);
  }

  @Post('conversion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Conversion des droits en stock en part du flux (scénarios 1 à 4 du guide)' })
  @ApiOkResponse({ type: ConversionResultDto })
  conversion(@Body() dto: ConversionDto): ConversionResultDto {
    return this.calculs.conversion(dto);
  }
}
