import { TYPOLOGIES, type Typologie } from '@aiguillage/engine/domain';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { EnumColumn, ReferenceColumn } from '../columns';
import { ProfilDemandeEntity } from './profil-demande.entity';

/** Active applicants by commune (null: the réservataire's whole territory) and typologie, in the profile's order. */
@Entity({ name: 'profil_demande_ligne' })
@Check('chk_profil_demande_ligne_demandeurs', `"demandeurs" >= 0`)
export class ProfilDemandeLigneEntity {
  @ReferenceColumn(() => ProfilDemandeEntity, { primary: true, onDelete: 'CASCADE' })
  profilDemandeId: string;

  /** Position of the line in the profile. */
  @PrimaryColumn({ type: 'integer' })
  rang: number;

  @Column({ type: 'varchar', length: 5, nullable: true })
  commune: string | null;

  @EnumColumn('typologie', TYPOLOGIES)
  typologie: Typologie;

  @Column({ type: 'integer' })
  demandeurs: number;
}
