import { Module } from '@nestjs/common';
import { SlackController } from './slack.controller';

/** The Slack settings: a bailleur's channels, a user's Slack account. */
@Module({ controllers: [SlackController] })
export class SlackModule {}
