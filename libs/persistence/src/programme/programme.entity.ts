import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';

/** A programme (résidence) of a bailleur. `code` is the bailleur's own reference, used by imports. */
@Entity({ name: 'programme' })
@Unique(['bailleurId', 'code'])
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => BailleurEntity)
  @Index()
  bailleurId: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  /** INSEE code. */
  @Column({ type: 'varchar', length: 5 })
  @Index()
  commune: string;

  @Column({ type: 'smallint', nullable: true })
  anneeLivraison: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
