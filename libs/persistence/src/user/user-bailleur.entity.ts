import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { AppUserEntity } from './app-user.entity';

/** Which bailleurs a user may see (many-to-many). */
@Entity({ name: 'user_bailleur' })
export class UserBailleurEntity {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey(() => AppUserEntity, { onDelete: 'CASCADE' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'CASCADE' })
  @Index()
  bailleurId: string;
}
