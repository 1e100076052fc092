import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A département named: the official ones (COG) from the migration, others (the demo's) from their référentiel. */
@Entity({ name: 'departement' })
export class DepartementEntity {
  /** The code every other table stores (« 69 », « 2A », « 974 »). */
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  nom: string;
}
