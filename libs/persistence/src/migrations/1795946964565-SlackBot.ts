import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slack bot (issue #12): the bailleur → channel mapping (slack_canal), every bot message in delivery
 * order with its stored ts (slack_message), one sender per channel with its pacing (slack_livraison),
 * the projection's cursor over the event log (slack_curseur), decisions attempted from Slack
 * (slack_origine). Slack user ↔ account links use the existing app_user.slack_user_id.
 */
export class SlackBot1795946964565 implements MigrationInterface {
  name = 'SlackBot1795946964565';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "slack_canal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bailleur_id" uuid NOT NULL, "territoire" character varying(16) NOT NULL DEFAULT '', "canal" character varying(32) NOT NULL, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_slack_canal_bailleur_id_territoire" UNIQUE ("bailleur_id", "territoire"), CONSTRAINT "pk_slack_canal" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "slack_message" ("id" BIGSERIAL NOT NULL, "cle" character varying(200) NOT NULL, "canal" character varying(32) NOT NULL, "kind" character varying(32) NOT NULL, "bailleur_id" uuid, "liberation_id" uuid, "ref" jsonb NOT NULL DEFAULT '{}', "ts" character varying(32), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_slack_message_cle" UNIQUE ("cle"), CONSTRAINT "pk_slack_message" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_slack_message_liberation" ON "slack_message"  ("liberation_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_slack_message_a_envoyer" ON "slack_message"  ("canal", "id") WHERE "sent_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "slack_livraison" ("canal" character varying(32) NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE, "lease_owner" character varying(64), "next_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_slack_livraison" PRIMARY KEY ("canal"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "slack_curseur" ("nom" character varying(32) NOT NULL, "last_event_id" bigint NOT NULL, CONSTRAINT "pk_slack_curseur" PRIMARY KEY ("nom"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "slack_origine" ("liberation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_slack_origine" PRIMARY KEY ("liberation_id", "user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "slack_canal" ADD CONSTRAINT "fk_slack_canal_bailleur_id" FOREIGN KEY ("bailleur_id") REFERENCES "bailleur"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "slack_canal" ADD CONSTRAINT "fk_slack_canal_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "slack_origine" ADD CONSTRAINT "fk_slack_origine_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "slack_origine" DROP CONSTRAINT "fk_slack_origine_user_id"`);
    await queryRunner.query(`ALTER TABLE "slack_canal" DROP CONSTRAINT "fk_slack_canal_updated_by"`);
    await queryRunner.query(`ALTER TABLE "slack_canal" DROP CONSTRAINT "fk_slack_canal_bailleur_id"`);
    await queryRunner.query(`DROP TABLE "slack_origine"`);
    await queryRunner.query(`DROP TABLE "slack_curseur"`);
    await queryRunner.query(`DROP TABLE "slack_livraison"`);
    await queryRunner.query(`DROP INDEX "public"."idx_slack_message_a_envoyer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_slack_message_liberation"`);
    await queryRunner.query(`DROP TABLE "slack_message"`);
    await queryRunner.query(`DROP TABLE "slack_canal"`);
  }
}
