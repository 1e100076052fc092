import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Intercommunal body, keyed by its SIREN (a stable national identifier). */
@Entity({ name: 'epci' })
export class EpciEntity {
  @PrimaryColumn({ type: 'varchar', length: 9 })
  siren: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  @Column({ type: 'varchar', length: 3 })
  @Index()
  departement: string;
}
