import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LIBERATION_KINDS, MOTIFS_LIBERATION, type LiberationKind, type MotifLiberation } from '@aiguillage/engine';
import { IsJour, PaginationQueryDto } from '../common/dto';

export class DeclareLiberationDto {
  @ApiProperty() @IsUUID() logementId: string;
  @ApiProperty({ example: '2026-03-15' }) @IsJour() date: string;
  @ApiProperty({ enum: MOTIFS_LIBERATION }) @IsIn(MOTIFS_LIBERATION) motif: MotifLiberation;
  @ApiProperty({ enum: LIBERATION_KINDS }) @IsIn(LIBERATION_KINDS) kind: LiberationKind;
}

export class LiberationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() bailleurId?: string;
  @ApiPropertyOptional({ description: 'Depuis (AAAA-MM-JJ, inclus)' }) @IsOptional() @IsJour() from?: string;
  @ApiPropertyOptional({ description: "Jusqu'au (AAAA-MM-JJ, inclus)" }) @IsOptional() @IsJour() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() logementId?: string;
}
