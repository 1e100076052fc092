import { Entity, PrimaryGeneratedColumn, Column, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../columns';

@Entity({ name: 'bailleur' })
@Unique(['siren'])
export class BailleurEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  /** SIREN of the organisme HLM. */
  @Column({ type: 'varchar', length: 9 })
  siren: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
