import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, RateColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ReservataireEntity } from '../reservataire/reservataire.entity';

/** A réservataire's applicant profile for one year. */
@Entity({ name: 'profil_demande' })
@Unique(['reservataireId', 'annee'])
@Check(
  'chk_profil_demande_taux',
  `"quartile1" >= 0 AND "quartile2" >= 0 AND "quartile3" >= 0 AND "quartile4" >= 0` +
    ` AND "prioritaires" >= 0 AND "prioritaires" <= 1 AND "taux_refus" >= 0 AND "taux_refus" <= 1 AND "delai_moyen_jours" >= 0`,
)
export class ProfilDemandeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => ReservataireEntity, { onDelete: 'CASCADE' })
  reservataireId: string;

  @Column({ type: 'smallint' })
  annee: number;

  @RateColumn()
  quartile1: number;

  @RateColumn()
  quartile2: number;

  @RateColumn()
  quartile3: number;

  @RateColumn()
  quartile4: number;

  @RateColumn()
  prioritaires: number;

  @Column({ type: 'integer' })
  delaiMoyenJours: number;

  @RateColumn()
  tauxRefus: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
