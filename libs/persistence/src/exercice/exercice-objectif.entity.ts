import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ConventionEntity } from '../convention/convention.entity';
import { ExerciceEntity } from './exercice.entity';

/** A convention's objective for one exercice (flats due, carried-in deficit included). */
@Entity({ name: 'exercice_objectif' })
export class ExerciceObjectifEntity {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey(() => ExerciceEntity, { onDelete: 'CASCADE' })
  exerciceId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey(() => ConventionEntity, { onDelete: 'RESTRICT' })
  @Index()
  conventionId: string;

  @Column({ type: 'integer' })
  objectif: number;

  /** Why the typed objective differs from the computed one. */
  @Column({ type: 'text', nullable: true })
  motif: string | null;
}
