import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsJour, PaginationQueryDto } from '../common/dto';

export class LiberationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() bailleurId?: string;
  @ApiPropertyOptional({ description: 'Depuis (AAAA-MM-JJ, inclus)' }) @IsOptional() @IsJour() from?: string;
  @ApiPropertyOptional({ description: "Jusqu'au (AAAA-MM-JJ, inclus)" }) @IsOptional() @IsJour() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() logementId?: string;
}
