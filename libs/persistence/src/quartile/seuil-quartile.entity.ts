import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../columns';

/**
 * The income thresholds of a territory for a year (CCH L.441-1): annual income per consumption unit,
 * in cents. The first-quartile threshold is set by the préfet's arrêté for each EPCI (`territoire`:
 * its SIREN) or, in Île-de-France, region-wide (`territoire`: the region code, `11`); the 2nd and 3rd
 * quartile thresholds, when the SNE publishes them, both or neither. Public data, not scoped by bailleur.
 */
@Entity({ name: 'seuil_quartile' })
@Unique(['territoire', 'annee'])
@Check('chk_seuil_quartile_territoire', `"territoire" ~ '^([0-9]{9}|[0-9]{2})$'`)
@Check('chk_seuil_quartile_annee', `"annee" BETWEEN 2000 AND 2100`)
@Check(
  'chk_seuil_quartile_seuils',
  `"seuil_q1_centimes" > 0 AND (("seuil_q2_centimes" IS NULL AND "seuil_q3_centimes" IS NULL) OR ("seuil_q1_centimes" < "seuil_q2_centimes" AND "seuil_q2_centimes" < "seuil_q3_centimes"))`,
)
export class SeuilQuartileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SIREN of the EPCI (9 digits), or the region code (2 digits) where the arrêté is regional. */
  @Column({ type: 'varchar', length: 9 })
  territoire: string;

  @Column({ type: 'smallint' })
  annee: number;

  /** Highest annual income per consumption unit of the first quartile, in cents. */
  @Column({ type: 'integer' })
  seuilQ1Centimes: number;

  /** Of the second quartile (the median), in cents; null when unknown. */
  @Column({ type: 'integer', nullable: true })
  seuilQ2Centimes: number | null;

  /** Of the third quartile, in cents; null when unknown. */
  @Column({ type: 'integer', nullable: true })
  seuilQ3Centimes: number | null;

  /** The arrêté that set it (reference, date), as given by the import. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  arrete: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
