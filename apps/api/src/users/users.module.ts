import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { UsersController } from './users.controller';

/** The accounts (admin): a deactivation also closes the account's sockets. */
@Module({ imports: [EventsModule], controllers: [UsersController] })
export class UsersModule {}
