import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned conventions (issue 9, finding 11): the terms of a convention in force from a date, so
 * that a change takes effect from its date and what was counted before stays counted.
 */
export class ConventionVersions1795971200000 implements MigrationInterface {
  name = 'ConventionVersions1795971200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "convention_version" ("convention_id" uuid NOT NULL, "date_effet" date NOT NULL, "termes" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_convention_version" PRIMARY KEY ("convention_id", "date_effet"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "convention_version" ADD CONSTRAINT "fk_convention_version_convention_id" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "convention_version"`);
  }
}
