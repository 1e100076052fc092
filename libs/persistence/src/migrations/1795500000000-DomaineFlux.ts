import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures a bilan rests on (issue #9):
 * - convention.deficit_annee: the first exercice a carried deficit is due in (REPORT: that year
 *   only; ETALEMENT: its N years from it), instead of a deficit added again every year;
 * - convention.compte_premieres_locations: NEUF first lettings are outside the flux and count for a
 *   convention only when it says so;
 * - convention.motif_territoire: the recorded reason for a departure from the one-convention-per-
 *   territory rule (rights of a commune elsewhere, a documented infra-departmental territorialisation);
 * - proposition.hors_flux: a NEUF first letting proposed to a convention that does not count first
 *   lettings, recorded apart and counted for nobody;
 * - candidat.refus_at, proposition.declin_at / declin_motif: refusals recorded (by the candidate, by
 *   the réservataire declining a flat; the CAL's are its cal_decision rows).
 */
export class DomaineFlux1795500000000 implements MigrationInterface {
  name = 'DomaineFlux1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "convention" ADD "deficit_annee" integer`);
    await queryRunner.query(`ALTER TABLE "convention" ADD "compte_premieres_locations" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "convention" ADD "motif_territoire" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "proposition" ADD "hors_flux" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "proposition" ADD "declin_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "proposition" ADD "declin_motif" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "candidat" ADD "refus_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidat" DROP COLUMN "refus_at"`);
    await queryRunner.query(`ALTER TABLE "proposition" DROP COLUMN "declin_motif"`);
    await queryRunner.query(`ALTER TABLE "proposition" DROP COLUMN "declin_at"`);
    await queryRunner.query(`ALTER TABLE "proposition" DROP COLUMN "hors_flux"`);
    await queryRunner.query(`ALTER TABLE "convention" DROP COLUMN "motif_territoire"`);
    await queryRunner.query(`ALTER TABLE "convention" DROP COLUMN "compte_premieres_locations"`);
    await queryRunner.query(`ALTER TABLE "convention" DROP COLUMN "deficit_annee"`);
  }
}
