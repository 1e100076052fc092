import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typed figures checked against the computed ones (issue 9, finding 4): a typed flux to share or a
 * typed convention objective that differs from the computed one records why.
 */
export class ChiffresSaisis1795971100000 implements MigrationInterface {
  name = 'ChiffresSaisis1795971100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercice" ADD "flux_a_repartir_motif" text`);
    await queryRunner.query(`ALTER TABLE "exercice_objectif" ADD "motif" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercice_objectif" DROP COLUMN "motif"`);
    await queryRunner.query(`ALTER TABLE "exercice" DROP COLUMN "flux_a_repartir_motif"`);
  }
}
