import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows are an audit trail: PostgreSQL refuses every UPDATE and DELETE on them. */
export const AUDIT_TABLES = ['override_step', 'orientation_decision', 'event_log'] as const;
/** The libérations' corrections journal, when the schema has it (added by another migration). */
const CORRECTIONS_TABLES = ['liberation_correction'];

/**
 * Security and integrity (issue #10):
 * - an override request has at most one final step (APPROVED or REJECTED): a partial unique index,
 *   which concurrent approve/reject calls queue on, so exactly one wins (the others get a 409);
 * - `app_user.session_version`: a deactivated account's tokens stay refused after a reactivation;
 * - the override steps, the orientation decisions, the event log (and the libérations' corrections
 *   journal) reject UPDATE and DELETE with a trigger (override_request and override_step already
 *   had one since the initial migration; it is kept).
 */
export class AuditIntegrity1795500000000 implements MigrationInterface {
  name = 'AuditIntegrity1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_override_step_final" ON "override_step" ("override_request_id") WHERE "status" IN ('APPROVED', 'REJECTED')`,
    );
    // A clearer message than the initial one, in French: it reaches the logs of whoever tries.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "forbid_update_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'la table % est un journal d''audit : % refusé', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['orientation_decision', 'event_log']) {
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "forbid_update_delete"()`,
      );
    }
    // Deactivating an account ends its sessions: each token carries the version it was issued under.
    await queryRunner.query(`ALTER TABLE "app_user" ADD "session_version" integer NOT NULL DEFAULT 0`);
    for (const table of CORRECTIONS_TABLES) {
      const [{ exists }] = (await queryRunner.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table])) as Array<{
        exists: boolean;
      }>;
      if (exists) {
        await queryRunner.query(
          `CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "forbid_update_delete"()`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CORRECTIONS_TABLES)
      await queryRunner.query(`DROP TRIGGER IF EXISTS "trg_${table}_append_only" ON "${table}"`).catch(() => undefined);
    for (const table of ['orientation_decision', 'event_log'])
      await queryRunner.query(`DROP TRIGGER "trg_${table}_append_only" ON "${table}"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "session_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_override_step_final"`);
  }
}
