import {
  LIBERATION_KINDS,
  MOTIFS_LIBERATION,
  type LiberationKind,
  type MotifLiberation,
} from '@aiguillage/engine/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn, EnumColumn, ReferenceColumn } from '../columns';
import { LogementEntity } from '../logement/logement.entity';

/** A flat freed on a day. `bailleur_id` is the flat's, copied for scoping. */
@Entity({ name: 'liberation' })
@Unique(['logementId', 'date'])
@Unique(['idempotencyKey'])
@Index(['bailleurId', 'date'])
export class LiberationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => LogementEntity)
  logementId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @DayColumn()
  date: string;

  @EnumColumn('motif_liberation', MOTIFS_LIBERATION)
  motif: MotifLiberation;

  @EnumColumn('liberation_kind', LIBERATION_KINDS)
  kind: LiberationKind;

  /** Client-supplied key making the declaration idempotent (retries, queue redeliveries). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  idempotencyKey: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
