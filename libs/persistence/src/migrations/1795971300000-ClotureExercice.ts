import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The closing of a year (issue 9, finding 3 wired): when, and its result, written once. */
export class ClotureExercice1795971300000 implements MigrationInterface {
  name = 'ClotureExercice1795971300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercice" ADD "cloture_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exercice" ADD "cloture" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercice" DROP COLUMN "cloture"`);
    await queryRunner.query(`ALTER TABLE "exercice" DROP COLUMN "cloture_at"`);
  }
}
