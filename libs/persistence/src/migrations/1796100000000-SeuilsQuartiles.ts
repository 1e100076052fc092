import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Income quartile thresholds per EPCI (or region, Île-de-France) and year (issue #9, finding 14):
 * a candidate's quartile is computed from its income per consumption unit against them.
 * Queried by `libs/persistence/src/quartile/seuil-quartile.repository.ts`.
 */
export class SeuilsQuartiles1796100000000 implements MigrationInterface {
  name = 'SeuilsQuartiles1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "seuil_quartile" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territoire" character varying(9) NOT NULL, "annee" smallint NOT NULL, "seuil_q1_centimes" integer NOT NULL, "seuil_q2_centimes" integer, "seuil_q3_centimes" integer, "arrete" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_seuil_quartile_territoire_annee" UNIQUE ("territoire", "annee"), CONSTRAINT "chk_seuil_quartile_seuils" CHECK ("seuil_q1_centimes" > 0 AND (("seuil_q2_centimes" IS NULL AND "seuil_q3_centimes" IS NULL) OR ("seuil_q1_centimes" < "seuil_q2_centimes" AND "seuil_q2_centimes" < "seuil_q3_centimes"))), CONSTRAINT "chk_seuil_quartile_annee" CHECK ("annee" BETWEEN 2000 AND 2100), CONSTRAINT "chk_seuil_quartile_territoire" CHECK ("territoire" ~ '^([0-9]{9}|[0-9]{2})$'), CONSTRAINT "pk_seuil_quartile" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seuil_quartile"`);
  }
}
