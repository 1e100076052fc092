import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual bilan (issue #13): immutable snapshots (event-log version, content hash; the
 * append-only trigger of the override trail forbids UPDATE and DELETE), the background generations
 * with their progress, and next year's actualisation drafts. Queried by
 * `libs/persistence/src/bilan/bilan.repository.ts` (plain SQL).
 */
export class Bilan1795947280637 implements MigrationInterface {
  name = 'Bilan1795947280637';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bilan_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bailleur_id" uuid NOT NULL, "departement" character varying(3) NOT NULL, "annee" smallint NOT NULL, "version_evenements" bigint NOT NULL, "hash" character(64) NOT NULL, "contenu" jsonb NOT NULL, "lignes" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_bilan_snapshot_bailleur_id_departement_annee_hash" UNIQUE ("bailleur_id", "departement", "annee", "hash"), CONSTRAINT "chk_bilan_snapshot_hash" CHECK ("hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "pk_bilan_snapshot" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bilan_snapshot_bailleur_id_annee" ON "bilan_snapshot"  ("bailleur_id", "annee") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."actualisation_statut" AS ENUM('BROUILLON', 'VALIDEE')`);
    await queryRunner.query(
      `CREATE TABLE "actualisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bailleur_id" uuid NOT NULL, "departement" character varying(3) NOT NULL, "annee" smallint NOT NULL, "snapshot_id" uuid NOT NULL, "statut" "public"."actualisation_statut" NOT NULL, "proposition" jsonb NOT NULL, "exercice_id" uuid, "validee_par" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_actualisation_bailleur_id_departement_annee" UNIQUE ("bailleur_id", "departement", "annee"), CONSTRAINT "pk_actualisation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."generation_statut" AS ENUM('EN_ATTENTE', 'EN_COURS', 'TERMINEE', 'ECHEC')`,
    );
    await queryRunner.query(
      `CREATE TABLE "bilan_generation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bailleur_id" uuid NOT NULL, "departement" character varying(3) NOT NULL, "annee" smallint NOT NULL, "statut" "public"."generation_statut" NOT NULL, "progression" smallint NOT NULL DEFAULT '0', "etape" text, "erreur" text, "snapshot_id" uuid, "demande_par" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_bilan_generation_progression" CHECK ("progression" BETWEEN 0 AND 100), CONSTRAINT "pk_bilan_generation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bilan_generation_bailleur_id_created_at" ON "bilan_generation"  ("bailleur_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "bilan_snapshot" ADD CONSTRAINT "fk_bilan_snapshot_bailleur_id" FOREIGN KEY ("bailleur_id") REFERENCES "bailleur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bilan_snapshot" ADD CONSTRAINT "fk_bilan_snapshot_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actualisation" ADD CONSTRAINT "fk_actualisation_bailleur_id" FOREIGN KEY ("bailleur_id") REFERENCES "bailleur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actualisation" ADD CONSTRAINT "fk_actualisation_snapshot_id" FOREIGN KEY ("snapshot_id") REFERENCES "bilan_snapshot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actualisation" ADD CONSTRAINT "fk_actualisation_exercice_id" FOREIGN KEY ("exercice_id") REFERENCES "exercice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actualisation" ADD CONSTRAINT "fk_actualisation_validee_par" FOREIGN KEY ("validee_par") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bilan_generation" ADD CONSTRAINT "fk_bilan_generation_bailleur_id" FOREIGN KEY ("bailleur_id") REFERENCES "bailleur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bilan_generation" ADD CONSTRAINT "fk_bilan_generation_snapshot_id" FOREIGN KEY ("snapshot_id") REFERENCES "bilan_snapshot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bilan_generation" ADD CONSTRAINT "fk_bilan_generation_demande_par" FOREIGN KEY ("demande_par") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_bilan_snapshot_immuable" BEFORE UPDATE OR DELETE ON "bilan_snapshot" FOR EACH ROW EXECUTE FUNCTION "forbid_update_delete"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_bilan_snapshot_immuable" ON "bilan_snapshot"`);
    await queryRunner.query(`ALTER TABLE "bilan_generation" DROP CONSTRAINT "fk_bilan_generation_demande_par"`);
    await queryRunner.query(`ALTER TABLE "bilan_generation" DROP CONSTRAINT "fk_bilan_generation_snapshot_id"`);
    await queryRunner.query(`ALTER TABLE "bilan_generation" DROP CONSTRAINT "fk_bilan_generation_bailleur_id"`);
    await queryRunner.query(`ALTER TABLE "actualisation" DROP CONSTRAINT "fk_actualisation_validee_par"`);
    await queryRunner.query(`ALTER TABLE "actualisation" DROP CONSTRAINT "fk_actualisation_exercice_id"`);
    await queryRunner.query(`ALTER TABLE "actualisation" DROP CONSTRAINT "fk_actualisation_snapshot_id"`);
    await queryRunner.query(`ALTER TABLE "actualisation" DROP CONSTRAINT "fk_actualisation_bailleur_id"`);
    await queryRunner.query(`ALTER TABLE "bilan_snapshot" DROP CONSTRAINT "fk_bilan_snapshot_created_by"`);
    await queryRunner.query(`ALTER TABLE "bilan_snapshot" DROP CONSTRAINT "fk_bilan_snapshot_bailleur_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bilan_generation_bailleur_id_created_at"`);
    await queryRunner.query(`DROP TABLE "bilan_generation"`);
    await queryRunner.query(`DROP TYPE "public"."generation_statut"`);
    await queryRunner.query(`DROP TABLE "actualisation"`);
    await queryRunner.query(`DROP TYPE "public"."actualisation_statut"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bilan_snapshot_bailleur_id_annee"`);
    await queryRunner.query(`DROP TABLE "bilan_snapshot"`);
  }
}
