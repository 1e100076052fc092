import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsIn } from 'class-validator';
import { LIBERATION_KINDS, MOTIFS_LIBERATION, type LiberationKind, type MotifLiberation } from '@aiguillage/engine';
import { Jour, ListeDe, OptionalEnum, Uuid } from '../platform/validation/decorateurs';

/** At most this many libérations per batch call. */
export const MAX_BATCH = 1000;

/**
 * A freed flat to declare: validated once, when created (the API's ValidationPipe, or `creerCommande`
 * for the other adapters), so `LiberationFlowService.declare` checks only what needs the database.
 */
export class DeclarerLiberation {
  @Uuid()
  logementId: string;

  @Jour('2026-03-14')
  date: string;

  @ApiProperty({ enum: MOTIFS_LIBERATION })
  @IsIn(MOTIFS_LIBERATION)
  motif: MotifLiberation;

  @OptionalEnum(LIBERATION_KINDS, { default: 'ROTATION' })
  kind?: LiberationKind;
}

/** A batch of libérations (bulk import): from 1 to `MAX_BATCH`, each line a `DeclarerLiberation`. */
export class DeclarerLiberations {
  @ApiProperty({ type: [DeclarerLiberation], maxItems: MAX_BATCH })
  @ListeDe(() => DeclarerLiberation, MAX_BATCH)
  @ArrayMinSize(1)
  liberations: DeclarerLiberation[];
}
