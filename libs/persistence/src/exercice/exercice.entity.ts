import { Check, Column, Entity, Unique } from 'typeorm';
import { numericArrayTransformer, RateColumn, UpdatedAtColumn } from '../columns';
import { ExerciceKeyColumns } from './exercice-key.columns';

/** One bailleur × département × year: the assiette inputs and the flux to share. */
@Entity({ name: 'exercice' })
@Unique(['bailleurId', 'departement', 'annee'])
@Check('chk_exercice_saisonnalite', `cardinality("saisonnalite") = 12`)
@Check(
  'chk_exercice_assiette',
  `"logements" >= 0 AND "stock_defense" >= 0 AND "plans_vente" >= 0 AND "demolitions" >= 0 AND "mutations" >= 0` +
    ` AND "relogements_npnru" >= 0 AND "relogements_orcod" >= 0 AND "relogements_lhi" >= 0` +
    ` AND "taux_rotation" >= 0 AND "taux_rotation" <= 1 AND "flux_a_repartir" >= 0`,
)
export class ExerciceEntity extends ExerciceKeyColumns {
  @Column({ type: 'integer' })
  logements: number;

  @Column({ type: 'integer' })
  stockDefense: number;

  @Column({ type: 'integer' })
  plansVente: number;

  @Column({ type: 'integer' })
  demolitions: number;

  @RateColumn()
  tauxRotation: number;

  @Column({ type: 'integer' })
  mutations: number;

  @Column({ type: 'integer' })
  relogementsNpnru: number;

  @Column({ type: 'integer' })
  relogementsOrcod: number;

  @Column({ type: 'integer' })
  relogementsLhi: number;

  @Column({ type: 'integer' })
  fluxARepartir: number;

  /** Why the typed flux differs from the one computed on the assiette. */
  @Column({ type: 'text', nullable: true })
  fluxARepartirMotif: string | null;

  /** When the year was closed (its result written onto the next year), once; null while open. */
  @Column({ type: 'timestamptz', nullable: true })
  clotureAt: Date | null;

  /** The closing's result per convention (objective, received, gap, what was carried), as returned then. */
  @Column({ type: 'jsonb', nullable: true })
  cloture: unknown;

  /** Forecast share of the year's libérations per month (12 fractions). */
  @Column({ type: 'numeric', precision: 9, scale: 6, array: true, transformer: numericArrayTransformer })
  saisonnalite: number[];

  @UpdatedAtColumn()
  updatedAt: Date;
}
