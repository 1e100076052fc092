import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slack accounts (issue #12): an ADMIN's unlink is remembered (`slack_unlinked_at`), so the bot no
 * longer relinks that account by its e-mail on the next click; only a deliberate link (PUT
 * users/:id/slack) links it again, and clears the mark.
 */
export class SlackDeliaison1796200000000 implements MigrationInterface {
  name = 'SlackDeliaison1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "slack_unlinked_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "slack_unlinked_at"`);
  }
}
