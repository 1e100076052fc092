import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  type ActionCorrective,
  type Contrepartie,
  type DecompteMode,
  type DelegationMode,
  type Engagements,
  type SousQuota,
  type Territoire,
} from '@aiguillage/engine/domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn, EnumColumn, RateColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ReservataireEntity } from '../reservataire/reservataire.entity';

export const CIBLE_TYPES = ['TAUX', 'DROITS_UNIQUES'] as const;
export type CibleType = (typeof CIBLE_TYPES)[number];

/** A reservation convention, flattened: the target, décompte and délégation are columns so they can be checked. */
@Entity({ name: 'convention' })
@Unique(['bailleurId', 'reference'])
@Index(['bailleurId', 'departement'])
@Check(
  'chk_convention_cible',
  `("cible_type" = 'TAUX' AND "cible_taux" IS NOT NULL AND "cible_taux" >= 0 AND "cible_taux" <= 1 AND "cible_nombre" IS NULL AND "cible_annees" IS NULL)` +
    ` OR ("cible_type" = 'DROITS_UNIQUES' AND "cible_taux" IS NULL AND "cible_nombre" IS NOT NULL AND "cible_annees" IS NOT NULL AND "cible_nombre" > 0 AND "cible_annees" > 0)`,
)
@Check(
  'chk_convention_poids',
  `"decompte_mode" <> 'MIXTE' OR ("poids_proposition" IS NOT NULL AND "poids_attribution" IS NOT NULL AND "poids_bail" IS NOT NULL` +
    ` AND abs("poids_proposition" + "poids_attribution" + "poids_bail" - 1) <= 0.00001)`,
)
@Check(
  'chk_convention_delegation',
  `"delai_jours" >= 0 AND "candidats_max" >= 1 AND ("part_deleguee" IS NULL OR ("part_deleguee" >= 0 AND "part_deleguee" <= 1))`,
)
@Check('chk_convention_etalement', `"etalement_annees" IS NULL OR "etalement_annees" >= 1`)
@Check('chk_convention_dates', `"date_fin" IS NULL OR "date_fin" >= "date_debut"`)
export class ConventionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @ReferenceColumn(() => ReservataireEntity)
  @Index()
  reservataireId: string;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'jsonb', nullable: true })
  territoire: Territoire | null;

  @Column({ type: 'varchar', length: 100 })
  reference: string;

  @EnumColumn('cible_type', CIBLE_TYPES)
  cibleType: CibleType;

  @RateColumn({ nullable: true })
  cibleTaux: number | null;

  @Column({ type: 'integer', nullable: true })
  cibleNombre: number | null;

  @Column({ type: 'integer', nullable: true })
  cibleAnnees: number | null;

  @EnumColumn('decompte_mode', DECOMPTE_MODES)
  decompteMode: DecompteMode;

  @RateColumn({ nullable: true })
  poidsProposition: number | null;

  @RateColumn({ nullable: true })
  poidsAttribution: number | null;

  @RateColumn({ nullable: true })
  poidsBail: number | null;

  @EnumColumn('delegation_mode', DELEGATION_MODES)
  delegationMode: DelegationMode;

  @Column({ type: 'integer' })
  delaiJours: number;

  @Column({ type: 'integer' })
  candidatsMax: number;

  @RateColumn({ nullable: true })
  partDeleguee: number | null;

  @Column({ type: 'boolean' })
  retourCompte: boolean;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  engagements: Engagements;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  sousQuotas: SousQuota[];

  @EnumColumn('contrepartie', CONTREPARTIES)
  contrepartie: Contrepartie;

  @EnumColumn('action_corrective', ACTIONS_CORRECTIVES)
  actionCorrective: ActionCorrective;

  @Column({ type: 'integer', nullable: true })
  etalementAnnees: number | null;

  /** Flats owed from previous years (negative: surplus carried in). */
  @Column({ type: 'integer', default: 0 })
  deficitReporte: number;

  /** First exercice the carried deficit is due in (null: the year of `dateDebut`). */
  @Column({ type: 'integer', nullable: true })
  deficitAnnee: number | null;

  @Column({ type: 'boolean', default: false })
  compteMutations: boolean;

  /** NEUF first lettings count for this convention (default: outside the flux, not counted). */
  @Column({ type: 'boolean', default: false })
  comptePremieresLocations: boolean;

  /** Why the convention departs from the one-convention-per-territory rule (recorded reason). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  motifTerritoire: string | null;

  @DayColumn()
  dateDebut: string;

  @DayColumn({ nullable: true })
  dateFin: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
