import { Column, Entity, Index } from 'typeorm';
import { ReferenceColumn } from '../columns';
import { ConventionEntity } from '../convention/convention.entity';
import { ExerciceEntity } from './exercice.entity';

/** A convention's objective for one exercice (flats due, carried-in deficit included). */
@Entity({ name: 'exercice_objectif' })
export class ExerciceObjectifEntity {
  @ReferenceColumn(() => ExerciceEntity, { primary: true, onDelete: 'CASCADE' })
  exerciceId: string;

  @ReferenceColumn(() => ConventionEntity, { primary: true })
  @Index()
  conventionId: string;

  @Column({ type: 'integer' })
  objectif: number;

  /** Why the typed objective differs from the computed one. */
  @Column({ type: 'text', nullable: true })
  motif: string | null;
}
