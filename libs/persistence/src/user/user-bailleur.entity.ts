import { Entity, Index } from 'typeorm';
import { ReferenceColumn } from '../columns';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { AppUserEntity } from './app-user.entity';

/** Which bailleurs a user may see (many-to-many). */
@Entity({ name: 'user_bailleur' })
export class UserBailleurEntity {
  @ReferenceColumn(() => AppUserEntity, { primary: true, onDelete: 'CASCADE' })
  userId: string;

  @ReferenceColumn(() => BailleurEntity, { primary: true, onDelete: 'CASCADE' })
  @Index()
  bailleurId: string;
}
