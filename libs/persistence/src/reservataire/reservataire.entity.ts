import { RESERVATAIRE_KINDS, type ReservataireKind, type Territoire } from '@aiguillage/engine/domain';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, EnumColumn, UpdatedAtColumn } from '../columns';

/** A réservataire is shared by every bailleur it holds conventions with. */
@Entity({ name: 'reservataire' })
@Unique(['code'])
export class ReservataireEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  @EnumColumn('reservataire_kind', RESERVATAIRE_KINDS)
  kind: ReservataireKind;

  @Column({ type: 'jsonb' })
  territoire: Territoire;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
