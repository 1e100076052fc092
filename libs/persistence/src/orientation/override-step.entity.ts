import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, EnumColumn, ReferenceColumn } from '../columns';
import { AppUserEntity } from '../user/app-user.entity';
import { OverrideRequestEntity } from './override-request.entity';

export const OVERRIDE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

/** One step of an override request's life (PENDING, then APPROVED or REJECTED). Append-only. */
@Entity({ name: 'override_step' })
@Index(['overrideRequestId', 'createdAt'])
// At most one final step per request: concurrent approve/reject calls have one winner.
@Index('uq_override_step_final', ['overrideRequestId'], { unique: true, where: `"status" IN ('APPROVED', 'REJECTED')` })
export class OverrideStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => OverrideRequestEntity)
  overrideRequestId: string;

  @EnumColumn('override_status', OVERRIDE_STATUSES)
  status: OverrideStatus;

  @ReferenceColumn(() => AppUserEntity)
  actorId: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
