import {
  isForeignKeyViolation,
  isUniqueViolation,
  LiberationRepository,
  LogementRepository,
  UserRepository,
} from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { aBailleur, aLogement, aReservataire } from './fixtures';

jest.setTimeout(30_000);

/** The database itself refuses what the rules forbid, whatever code writes to it. */
describe('constraints', () => {
  let db: IsolatedDatabase;
  let ds: DataSource;
  let bailleurId: string;
  let logementId: string;
  let liberationId: string;
  let userId: string;
  let conventionId: string;

  const rejected = async (sql: string, params: unknown[] = []) => {
    try {
      await ds.query(sql, params);
    } catch (error) {
      return error as { code: string; constraint?: string; message: string };
    }
    throw new Error(`accepted: ${sql}`);
  };

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    ds = db.dataSource;
    bailleurId = (await aBailleur(ds)).id;
    const logement = aLogement(bailleurId);
    logementId = logement.id;
    await new LogementRepository(ds).upsertLogements([logement]);
    liberationId = (
      await new LiberationRepository(ds).declareLiberation(
        { logementId, date: '2026-02-01', motif: 'CONGE', kind: 'ROTATION' },
        { bailleurIds: [bailleurId] },
      )
    ).liberation.id;
    userId = (
      await new UserRepository(ds).createUser({
        email: 'm@b.fr',
        nom: 'M',
        passwordHash: 'h',
        role: 'MANAGER',
        bailleurIds: [bailleurId],
      })
    ).id;
    const r = await aReservataire(ds);
    conventionId = randomUUID();
    await ds.query(
      `INSERT INTO convention (id, bailleur_id, reservataire_id, departement, reference, cible_type, cible_taux, decompte_mode, delegation_mode,
         delai_jours, candidats_max, retour_compte, contrepartie, action_corrective, date_debut)
       VALUES ($1, $2, $3, '96', 'C-1', 'TAUX', 0.2, 'PROPOSITION', 'DIRECTE', 30, 3, true, 'AUTRE', 'REPORT', '2024-01-01')`,
      [conventionId, bailleurId, r.id],
    );
  });

  afterAll(() => db?.drop());

  it('a flat has one RPLS id', async () => {
    const [{ rpls_id }] = await ds.query(`SELECT rpls_id FROM logement WHERE id = $1`, [logementId]);
    const error = await rejected(
      `INSERT INTO logement (rpls_id, bailleur_id, commune, departement, qpv, typologie, financement) VALUES ($1, $2, '96001', '96', false, 'T2', 'PLUS')`,
      [rpls_id, bailleurId],
    );
    expect(isUniqueViolation(error, 'uq_logement_rpls_id')).toBe(true);
  });

  it('a flat is freed at most once a day', async () => {
    const error = await rejected(
      `INSERT INTO liberation (logement_id, bailleur_id, date, motif, kind) VALUES ($1, $2, '2026-02-01', 'AUTRE', 'ROTATION')`,
      [logementId, bailleurId],
    );
    expect(isUniqueViolation(error, 'uq_liberation_logement_id_date')).toBe(true);
  });

  it('a freed flat is oriented exactly once', async () => {
    const decide = `INSERT INTO orientation_decision (liberation_id, bailleur_id, destination_kind, is_override, decided_at)
                    VALUES ($1, $2, 'BAILLEUR', false, now())`;
    await ds.query(decide, [liberationId, bailleurId]);
    expect(
      isUniqueViolation(await rejected(decide, [liberationId, bailleurId]), 'uq_orientation_decision_liberation_id'),
    ).toBe(true);
  });

  it('a destination is one of CONVENTION (with its id), EXCLU (with its usage), BAILLEUR', async () => {
    const other = (
      await new LiberationRepository(ds).declareLiberation(
        { logementId, date: '2026-02-02', motif: 'CONGE', kind: 'ROTATION' },
        { bailleurIds: [bailleurId] },
      )
    ).liberation.id;
    const insert = (kind: string, convention: string | null, usage: string | null) =>
      rejected(
        `INSERT INTO orientation_decision (liberation_id, bailleur_id, destination_kind, convention_id, usage, is_override, decided_at)
         VALUES ($1, $2, $3, $4, $5, false, now())`,
        [other, bailleurId, kind, convention, usage],
      );
    for (const [kind, convention, usage] of [
      ['CONVENTION', null, null],
      ['EXCLU', null, null],
      ['BAILLEUR', conventionId, null],
      ['EXCLU', conventionId, 'NPNRU'],
    ] as const) {
      expect((await insert(kind, convention, usage)).constraint).toBe('chk_orientation_decision_destination');
    }
  });

  it('a convention target is a rate in [0, 1] or a positive number of droits uniques', async () => {
    const error = await rejected(`UPDATE convention SET cible_taux = 1.2 WHERE id = $1`, [conventionId]);
    expect(error.constraint).toBe('chk_convention_cible');
    expect(
      (await rejected(`UPDATE convention SET cible_type = 'DROITS_UNIQUES' WHERE id = $1`, [conventionId])).constraint,
    ).toBe('chk_convention_cible');
    const sansNombre = `UPDATE convention SET cible_type = 'DROITS_UNIQUES', cible_taux = NULL, cible_annees = 20, cible_nombre = $2 WHERE id = $1`;
    expect((await rejected(sansNombre, [conventionId, null])).constraint).toBe('chk_convention_cible');
    expect((await rejected(sansNombre, [conventionId, 0])).constraint).toBe('chk_convention_cible');
    expect(
      (await rejected(`UPDATE convention SET decompte_mode = 'MIXTE' WHERE id = $1`, [conventionId])).constraint,
    ).toBe('chk_convention_poids');
  });

  it('the override audit trail is append-only', async () => {
    const [{ id }] = await ds.query(
      `INSERT INTO override_request (liberation_id, bailleur_id, destination_kind, reason, comment, requested_by)
       VALUES ($1, $2, 'BAILLEUR', 'URGENCE', 'sinistre', $3) RETURNING id`,
      [liberationId, bailleurId, userId],
    );
    await ds.query(`INSERT INTO override_step (override_request_id, status, actor_id) VALUES ($1, 'PENDING', $2)`, [
      id,
      userId,
    ]);
    await ds.query(`INSERT INTO override_step (override_request_id, status, actor_id) VALUES ($1, 'APPROVED', $2)`, [
      id,
      userId,
    ]);
    expect((await rejected(`UPDATE override_step SET status = 'REJECTED'`)).message).toMatch(/journal d'audit/);
    expect((await rejected(`DELETE FROM override_step`)).message).toMatch(/journal d'audit/);
    expect((await rejected(`UPDATE override_request SET comment = 'autre'`)).message).toMatch(/journal d'audit/);
    expect(
      (
        await rejected(
          `INSERT INTO override_request (liberation_id, bailleur_id, destination_kind, reason, requested_by) VALUES ($1, $2, 'BAILLEUR', 'AUTRE', $3)`,
          [liberationId, bailleurId, userId],
        )
      ).constraint,
    ).toBe('chk_override_request_comment');
  });

  it('candidates carry a quartile 1..4 and an SNE number once per proposition', async () => {
    const [{ id: decisionId }] = await ds.query(`SELECT id FROM orientation_decision WHERE liberation_id = $1`, [
      liberationId,
    ]);
    const [{ id: propositionId }] = await ds.query(
      `INSERT INTO proposition (decision_id, bailleur_id, convention_id, sent_at, status) VALUES ($1, $2, $3, now(), 'EN_ATTENTE') RETURNING id`,
      [decisionId, bailleurId, conventionId],
    );
    const candidat = `INSERT INTO candidat (proposition_id, numero_sne, rang, taille_menage, quartile, prioritaire) VALUES ($1, $2, 1, 2, $3, false)`;
    expect((await rejected(candidat, [propositionId, 'SNE-1', 5])).constraint).toBe('chk_candidat_quartile');
    await ds.query(candidat, [propositionId, 'SNE-1', 1]);
    expect(
      isUniqueViolation(await rejected(candidat, [propositionId, 'SNE-1', 2]), 'uq_candidat_proposition_id_numero_sne'),
    ).toBe(true);
  });

  it('foreign keys protect what decisions refer to', async () => {
    expect(
      isForeignKeyViolation(
        await rejected(`DELETE FROM logement WHERE id = $1`, [logementId]),
        'fk_liberation_logement_id',
      ),
    ).toBe(true);
    expect(isForeignKeyViolation(await rejected(`DELETE FROM bailleur WHERE id = $1`, [bailleurId]))).toBe(true);
  });

  it('a user e-mail is unique and stored lower-cased', async () => {
    expect((await rejected(`UPDATE app_user SET email = 'M@B.FR' WHERE id = $1`, [userId])).constraint).toBe(
      'chk_app_user_email_lowercase',
    );
  });
});
