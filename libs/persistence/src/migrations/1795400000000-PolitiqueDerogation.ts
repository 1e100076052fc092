import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live flow (issue #4): each bailleur's policy on overrides — when an override of the
 * recommendation needs a manager's approval. One row per bailleur; no row means the defaults
 * (approval when the override sends a convention further from its target or breaks a soft rule).
 * Read and written by `libs/core/src/flow/politique-derogation.repository.ts` (plain SQL).
 */
export class PolitiqueDerogation1795400000000 implements MigrationInterface {
  name = 'PolitiqueDerogation1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "politique_derogation" ("bailleur_id" uuid NOT NULL, "toujours" boolean NOT NULL DEFAULT false, "ecart_cible" boolean NOT NULL DEFAULT true, "regle_souple" boolean NOT NULL DEFAULT true, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_politique_derogation" PRIMARY KEY ("bailleur_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "politique_derogation" ADD CONSTRAINT "fk_politique_derogation_bailleur_id" FOREIGN KEY ("bailleur_id") REFERENCES "bailleur"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "politique_derogation" ADD CONSTRAINT "fk_politique_derogation_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "politique_derogation"`);
  }
}
