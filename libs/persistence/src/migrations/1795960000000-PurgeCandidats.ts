import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data (issue #10): past the retention period after its proposition closed, a candidate's
 * SNE number and household size are erased (NULL) and `purge_at` says when. Quartile and
 * prioritaire stay: the bilan's legal-objective shares count them (aggregate, not identifying).
 * The unique (proposition_id, numero_sne) holds: NULLs never collide.
 */
export class PurgeCandidats1795960000000 implements MigrationInterface {
  name = 'PurgeCandidats1795960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidat" ALTER COLUMN "numero_sne" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "candidat" ALTER COLUMN "taille_menage" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "candidat" ADD "purge_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "candidat" ADD CONSTRAINT "chk_candidat_purge" CHECK (("purge_at" IS NULL AND "numero_sne" IS NOT NULL AND "taille_menage" IS NOT NULL) OR ("purge_at" IS NOT NULL AND "numero_sne" IS NULL AND "taille_menage" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidat" DROP CONSTRAINT "chk_candidat_purge"`);
    // Purged rows cannot get their data back: they keep a marker that satisfies the old constraints.
    await queryRunner.query(
      `UPDATE "candidat" SET "numero_sne" = 'PURGE-' || left("id"::text, 8), "taille_menage" = 1 WHERE "purge_at" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "candidat" DROP COLUMN "purge_at"`);
    await queryRunner.query(`ALTER TABLE "candidat" ALTER COLUMN "taille_menage" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "candidat" ALTER COLUMN "numero_sne" SET NOT NULL`);
  }
}
