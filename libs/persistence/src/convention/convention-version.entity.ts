import type { Convention } from '@aiguillage/engine/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ReferenceColumn } from '../columns';
import { ConventionEntity } from './convention.entity';

/**
 * One version of a convention's terms (issue 9, finding 11): the terms in force from `dateEffet`
 * until the next version's date. The `convention` row holds the latest terms; a convention never
 * changed has no version. Each vacancy is counted under the terms in force on its libération date.
 */
@Entity({ name: 'convention_version' })
export class ConventionVersionEntity {
  @ReferenceColumn(() => ConventionEntity, { primary: true, onDelete: 'CASCADE' })
  conventionId: string;

  @PrimaryColumn({ type: 'date' })
  dateEffet: string;

  /** The whole convention as it stood (the engine's `Convention`). */
  @Column({ type: 'jsonb' })
  termes: Convention;

  @CreatedAtColumn()
  createdAt: Date;
}
