import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { RateColumn } from '../columns';
import { EpciEntity } from './epci.entity';

/** Commune, keyed by its INSEE code (the code every other table stores). */
@Entity({ name: 'commune' })
export class CommuneEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  insee: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  @Column({ type: 'varchar', length: 9 })
  @ForeignKey(() => EpciEntity, { onDelete: 'RESTRICT' })
  @Index()
  epci: string;

  @Column({ type: 'varchar', length: 3 })
  @Index()
  departement: string;

  /** Market tension 0..1. */
  @RateColumn({ nullable: true })
  tension: number | null;
}
