import { FINANCEMENTS, TYPOLOGIES, type Financement, type Typologie } from '@aiguillage/engine/domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, numericTransformer, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ProgrammeEntity } from '../programme/programme.entity';
import { ReservataireEntity } from '../reservataire/reservataire.entity';

export const HORS_ASSIETTE = ['VENTE', 'DEMOLITION'] as const;
export type HorsAssiette = (typeof HORS_ASSIETTE)[number];

/**
 * A flat. `commune`/`epci` are INSEE/SIREN codes without foreign keys on purpose: an RPLS import
 * must not be rejected because the geographic référentiel has not been loaded yet.
 */
@Entity({ name: 'logement' })
@Unique(['rplsId'])
@Index(['bailleurId', 'commune'])
@Index(['bailleurId', 'departement'])
@Check('chk_logement_qpv_code', `"qpv" OR "qpv_code" IS NULL`)
@Check('chk_logement_surface', `"surface_m2" IS NULL OR "surface_m2" > 0`)
@Check('chk_logement_loyer', `"loyer_centimes" IS NULL OR "loyer_centimes" >= 0`)
export class LogementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  rplsId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @ReferenceColumn(() => ProgrammeEntity, { nullable: true, onDelete: 'SET NULL' })
  @Index()
  programmeId: string | null;

  /** INSEE code of the commune. */
  @Column({ type: 'varchar', length: 5 })
  commune: string;

  /** SIREN of the EPCI. */
  @Column({ type: 'varchar', length: 9, nullable: true })
  epci: string | null;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'boolean' })
  qpv: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  qpvCode: string | null;

  @EnumColumn('typologie', TYPOLOGIES)
  typologie: Typologie;

  @EnumColumn('financement', FINANCEMENTS)
  financement: Financement;

  /** Raw RPLS FINAN code. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  financementCode: string | null;

  @Column({ type: 'smallint', nullable: true })
  anneeConstruction: number | null;

  @Column({ type: 'smallint', nullable: true })
  etage: number | null;

  @Column({ type: 'boolean', nullable: true })
  ascenseur: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  pmr: boolean | null;

  /** Surface in m², two decimals (read back as a number: it is a measure, never summed as money). */
  @Column({
    type: 'numeric',
    precision: 7,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  surfaceM2: number | null;

  /** Monthly rent excluding charges, euro cents. */
  @Column({ type: 'integer', nullable: true })
  loyerCentimes: number | null;

  @Column({ type: 'boolean', default: false })
  stockDefense: boolean;

  @EnumColumn('hors_assiette', HORS_ASSIETTE, { nullable: true })
  horsAssiette: HorsAssiette | null;

  @ReferenceColumn(() => ReservataireEntity, { nullable: true, onDelete: 'SET NULL' })
  ancienReservataireId: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
