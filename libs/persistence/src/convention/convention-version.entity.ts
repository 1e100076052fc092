import type { Convention } from '@aiguillage/engine/domain';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns';
import { ConventionEntity } from './convention.entity';

/**
 * One version of a convention's terms (issue 9, finding 11): the terms in force from `dateEffet`
 * until the next version's date. The `convention` row holds the latest terms; a convention never
 * changed has no version. Each vacancy is counted under the terms in force on its libération date.
 */
@Entity({ name: 'convention_version' })
export class ConventionVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey(() => ConventionEntity, { onDelete: 'CASCADE' })
  conventionId: string;

  @PrimaryColumn({ type: 'date' })
  dateEffet: string;

  /** The whole convention as it stood (the engine's `Convention`). */
  @Column({ type: 'jsonb' })
  termes: Convention;

  @CreatedAtColumn()
  createdAt: Date;
}
