import { TYPOLOGIES, type Typologie } from '@aiguillage/engine/domain';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, EnumColumn, ReferenceColumn } from '../columns';
import { PropositionEntity } from './proposition.entity';

/**
 * An applicant put forward on a proposition. Personal data: the SNE number and household size only,
 * never a name; both erased (NULL, `purgeAt` set) past the retention period after the proposition
 * closed (CandidatRepository.purger). Quartile and prioritaire stay for the bilan.
 */
@Entity({ name: 'candidat' })
@Unique(['propositionId', 'numeroSne'])
@Check('chk_candidat_quartile', `"quartile" BETWEEN 1 AND 4`)
@Check('chk_candidat_taille_menage', `"taille_menage" >= 1`)
@Check('chk_candidat_rang', `"rang" >= 1`)
@Check(
  'chk_candidat_purge',
  `("purge_at" IS NULL AND "numero_sne" IS NOT NULL AND "taille_menage" IS NOT NULL) OR ("purge_at" IS NOT NULL AND "numero_sne" IS NULL AND "taille_menage" IS NULL)`,
)
export class CandidatEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => PropositionEntity, { onDelete: 'CASCADE' })
  propositionId: string;

  /** Numéro unique SNE of the demand (NULL once purged). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  numeroSne: string | null;

  /** Order in which the réservataire ranked its candidates (1 first). */
  @Column({ type: 'smallint' })
  rang: number;

  /** Household size (NULL once purged). */
  @Column({ type: 'smallint', nullable: true })
  tailleMenage: number | null;

  /** Resources quartile in the EPCI, 1..4. */
  @Column({ type: 'smallint' })
  quartile: number;

  /** DALO or L.441-1 priority household. */
  @Column({ type: 'boolean' })
  prioritaire: boolean;

  @EnumColumn('typologie', TYPOLOGIES, { nullable: true })
  typologieSouhaitee: Typologie | null;

  /** When the candidate refused the flat (recorded refusal, before the lease only). */
  @Column({ type: 'timestamptz', nullable: true })
  refusAt: Date | null;

  /** When the personal data was erased (retention period over); NULL while kept. */
  @Column({ type: 'timestamptz', nullable: true })
  purgeAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
