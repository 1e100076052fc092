import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { USAGES_EXCLUS, type Destination, type UsageExclu } from '@aiguillage/engine';
import {
  DESTINATION_KINDS,
  OVERRIDE_REASONS,
  type DestinationKind,
  type OverrideReason,
} from '@aiguillage/persistence';
import { ObligatoireSi, OptionalEnum, OptionalUuid, Uuid } from '../platform/validation/decorateurs';

/**
 * The orientation commands, validated once when created (the API's ValidationPipe, or `creerCommande`
 * for Slack and the demo replay): the use cases check only what needs the recommendation or the database.
 */

/** The destination chosen instead of the recommended one (its fields depend on its kind). */
export class DestinationChoisie {
  @ApiProperty({ enum: DESTINATION_KINDS })
  @IsIn(DESTINATION_KINDS)
  kind: DestinationKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Obligatoire pour CONVENTION' })
  @ObligatoireSi((d) => (d as DestinationChoisie).kind === 'CONVENTION', 'obligatoire pour une destination CONVENTION')
  @IsUUID()
  conventionId?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  sousQuota?: string;

  @ApiPropertyOptional({ enum: USAGES_EXCLUS, description: 'Obligatoire pour EXCLU' })
  @ObligatoireSi((d) => (d as DestinationChoisie).kind === 'EXCLU', 'obligatoire pour une destination EXCLU')
  @IsIn(USAGES_EXCLUS)
  usage?: UsageExclu;
}

/** The engine's destination for the one chosen: only the fields of its kind. */
export function destinationOf(d: DestinationChoisie): Destination {
  if (d.kind === 'CONVENTION') {
    const conventionId = d.conventionId!;
    return d.sousQuota
      ? { kind: 'CONVENTION', conventionId, sousQuota: d.sousQuota }
      : { kind: 'CONVENTION', conventionId };
  }
  if (d.kind === 'EXCLU') return { kind: 'EXCLU', usage: d.usage! };
  return { kind: 'BAILLEUR' };
}

/** The decision on a freed flat: accept the recommendation (no destination), or override it. */
export class DeciderOrientation {
  @Uuid()
  liberationId: string;

  @OptionalUuid({
    format: 'uuid',
    description: 'La recommandation sur laquelle porte la décision (par défaut la plus récente)',
  })
  recommendationId?: string;

  @ApiPropertyOptional({ type: DestinationChoisie, description: 'Absente : la recommandation est acceptée' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationChoisie)
  destination?: DestinationChoisie;

  @OptionalEnum(OVERRIDE_REASONS, { description: 'Obligatoire pour une dérogation' })
  motif?: OverrideReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Obligatoire avec le motif AUTRE' })
  @ObligatoireSi((d) => (d as DeciderOrientation).motif === 'AUTRE', 'obligatoire avec le motif AUTRE')
  @IsString()
  @MaxLength(2000)
  commentaire?: string;

  @ApiPropertyOptional({
    description:
      'Sur l’état du jour (la console, Slack) : la recommandation lue est d’abord recalculée ; si elle propose désormais une autre destination, rien n’est décidé (409, les deux nommées)',
  })
  @IsOptional()
  @IsBoolean()
  surEtatDuJour?: boolean;
}

/** A manager's answer to a pending override (approval or rejection), with an optional comment. */
export class TraiterDerogation {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentaire?: string;
}

/** When an override of the bailleur waits for a manager's approval. */
export class DefinirPolitiqueDerogation {
  @ApiProperty({ description: 'Toute dérogation attend un responsable' })
  @IsBoolean()
  toujours: boolean;

  @ApiProperty({ description: 'Approbation quand la dérogation éloigne une convention de sa cible' })
  @IsBoolean()
  ecartCible: boolean;

  @ApiProperty({ description: 'Approbation quand la destination enfreint une règle souple' })
  @IsBoolean()
  regleSouple: boolean;
}
