import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Quartier prioritaire de la politique de la ville, keyed by its national code (e.g. QN09301M). */
@Entity({ name: 'qpv' })
export class QpvEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  @Column({ type: 'varchar', length: 3 })
  @Index()
  departement: string;

  /** INSEE codes of the communes the quartier spans. */
  @Column({ type: 'varchar', length: 5, array: true, default: () => `'{}'` })
  communes: string[];
}
