/**
 * Personal data (issue #10): a candidate keeps its SNE number and household size until its
 * proposition has been closed (lease signed, returned, declined) for RETENTION_CANDIDATS_JOURS days
 * (365 by default); the daily purge then erases both and keeps quartile, prioritaire and rank, which
 * the bilan counts. Open propositions and recently closed ones keep everything; purging again
 * changes nothing. Dates are moved in SQL.
 */
import { PurgeCandidatsService } from '@aiguillage/core';
import { logementsLiberables } from '@aiguillage/demo';
import { waitUntil, type Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(180_000);

interface Ligne {
  proposition_id: string;
  numero_sne: string | null;
  taille_menage: number | null;
  quartile: number;
  prioritaire: boolean;
  rang: number;
  purge_at: Date | null;
}

describe('personal data retention (issue #10)', () => {
  let s: SecurityApp;
  let bailleurId: string;
  let charge: Account;
  const propositions: Record<string, string> = {};
  let flats: Array<{ id: string }> = [];
  let curseur = 0;

  const candidats = async (): Promise<Ligne[]> =>
    s.db.dataSource.query(
      `SELECT proposition_id, numero_sne, taille_menage, quartile, prioritaire, rang, purge_at FROM candidat ORDER BY proposition_id, rang`,
    );
  const de = (lignes: Ligne[], nom: string) => lignes.filter((l) => l.proposition_id === propositions[nom]);

  /** A DIRECTE proposition of a new libération with two candidates posted by its réservataire. */
  const avecCandidats = async (nom: string, sne: string): Promise<void> => {
    const conventionOf = (id: string) => s.demo.conventions.find((c) => c.id === id)!;
    const isDirecte = (o: any) =>
      o.eligible &&
      o.destination.kind === 'CONVENTION' &&
      conventionOf(o.destination.conventionId).delegation.mode === 'DIRECTE';
    // Flats are declared until a DIRECTE convention is eligible; the others are oriented as recommended.
    let body: any = null;
    for (let i = 0; i < 60 && !body; i++) {
      const res = await s
        .http()
        .post('/api/liberations')
        .set(auth(charge))
        .send({ logementId: flats[curseur++].id, date: s.nextDate(), motif: 'CONGE' });
      expect(res.status).toBe(201);
      if (res.body.recommendation.options.some(isDirecte)) body = res.body;
      else if (res.body.recommendation.recommandee)
        await s
          .http()
          .post('/api/orientations')
          .set(auth(charge))
          .send({ liberationId: res.body.liberation.id })
          .expect(201);
    }
    expect(body).not.toBeNull();
    const option = body.recommendation.options.find(isDirecte);
    const decided = await s
      .http()
      .post('/api/orientations')
      .set(auth(charge))
      .send({ liberationId: body.liberation.id, destination: option.destination, motif: 'DEMANDE_RESERVATAIRE' });
    expect(decided.status).toBe(201);
    const reservataire = await s.account(
      'RESERVATAIRE',
      [bailleurId],
      conventionOf(option.destination.conventionId).reservataireId,
    );
    const res = await s
      .http()
      .post(`/api/propositions/${decided.body.propositionId}/candidats`)
      .set(auth(reservataire))
      .send({
        candidats: [
          { numeroSne: `${sne}1`, rang: 1, tailleMenage: 3, quartile: 1, prioritaire: true },
          { numeroSne: `${sne}2`, rang: 2, tailleMenage: 5, quartile: 3, prioritaire: false },
        ],
      });
    expect(res.status).toBe(200);
    propositions[nom] = decided.body.propositionId;
  };

  /** Closes a proposition `jours` days ago (declined by the réservataire, or returned at the end of its délai). */
  const close = (nom: string, status: 'ANNULEE' | 'EXPIREE', jours: number) =>
    s.db.dataSource.query(
      `UPDATE proposition SET status = $2::proposition_status, sent_at = now() - make_interval(days => $3::int + 40), delai_expire_at = NULL,
         declin_at = CASE WHEN $2::text = 'ANNULEE' THEN now() - make_interval(days => $3::int) END, updated_at = now() - make_interval(days => $3::int) WHERE id = $1`,
      [propositions[nom], status, jours],
    );

  beforeAll(async () => {
    s = await SecurityApp.start();
    bailleurId = s.demo.bailleurs[0].id;
    await s.db.dataSource.query(
      `INSERT INTO politique_derogation (bailleur_id, toujours, ecart_cible, regle_souple) VALUES ($1, false, false, false)`,
      [bailleurId],
    );
    charge = await s.account('CHARGE', [bailleurId]);
    flats = logementsLiberables(s.demo, bailleurId);
    for (const [nom, sne] of [
      ['declinee400', '069000000040'],
      ['bail400', '069000000041'],
      ['expiree10', '069000000010'],
      ['ouverte', '069000000099'],
      ['attribueeSansBail400', '069000000042'],
    ]) {
      await avecCandidats(nom, sne);
    }
    // CAL decisions recorded through the API (their events are kept for ever: no SNE number in them).
    const cal = async (nom: string, rang: number, decision: string) => {
      const [c] = await s.db.dataSource.query(`SELECT id FROM candidat WHERE proposition_id = $1 AND rang = $2`, [
        propositions[nom],
        rang,
      ]);
      const res = await s
        .http()
        .post(`/api/propositions/${propositions[nom]}/cal`)
        .set(auth(charge))
        .send({
          candidatId: c.id,
          decision,
          ...(decision === 'ATTRIBUTION' ? { rang: 1 } : {}),
          dateCal: s.nextDate(),
        });
      expect(res.status).toBe(200);
    };
    await cal('declinee400', 2, 'REFUS');
    await cal('bail400', 1, 'ATTRIBUTION');
    await close('declinee400', 'ANNULEE', 400);
    await close('expiree10', 'EXPIREE', 10);
    // An open proposition sent long ago (candidates received, no CAL yet) is not closed.
    await s.db.dataSource.query(
      `UPDATE proposition SET sent_at = now() - interval '500 days', delai_expire_at = NULL, updated_at = now() - interval '450 days' WHERE id = $1`,
      [propositions.ouverte],
    );
    // Attributed, its lease signed 400 days ago: closed at the signature.
    await s.db.dataSource.query(
      `UPDATE proposition SET status = 'ATTRIBUEE', sent_at = now() - interval '460 days', delai_expire_at = NULL, updated_at = now() - interval '420 days' WHERE id = $1`,
      [propositions.bail400],
    );
    await s.db.dataSource.query(
      `INSERT INTO bail (proposition_id, candidat_id, logement_id, bailleur_id, signed_at)
       SELECT p.id, c.id, l.logement_id, p.bailleur_id, (now() - interval '400 days')::date
       FROM proposition p JOIN candidat c ON c.proposition_id = p.id AND c.rang = 1
       JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id WHERE p.id = $1`,
      [propositions.bail400],
    );
    // Attributed by the CAL 400 days ago but no lease signed yet: still open.
    await s.db.dataSource.query(
      `UPDATE proposition SET status = 'ATTRIBUEE', sent_at = now() - interval '460 days', delai_expire_at = NULL, updated_at = now() - interval '400 days' WHERE id = $1`,
      [propositions.attribueeSansBail400],
    );
  });

  afterAll(() => s?.close());

  it('keeps every candidate whose proposition is open or closed for less than the retention period', async () => {
    const service = s.app.get(PurgeCandidatsService, { strict: false });
    const avant = await candidats();
    expect(avant.filter((l) => l.purge_at !== null)).toEqual([]);

    // The daily job, through the outbox: planned once per day whatever the number of calls.
    const demain = new Date(Date.now() + 86_400_000);
    expect(await service.planifier(demain)).toBe(true);
    expect(await service.planifier(demain)).toBe(false);
    const jobs = await s.db.dataSource.query(`SELECT payload FROM outbox WHERE job_id = $1`, [
      `purge-candidats-${demain.toISOString().slice(0, 10)}`,
    ]);
    expect(jobs).toEqual([{ payload: { date: demain.toISOString().slice(0, 10) } }]);
    await waitUntil(
      'la purge planifiée exécutée',
      async () => de(await candidats(), 'declinee400').every((l) => l.purge_at !== null),
      20_000,
    );

    const apres = await candidats();
    for (const nom of ['declinee400', 'bail400']) {
      expect(
        de(apres, nom).map(({ numero_sne, taille_menage, quartile, prioritaire, rang }) => ({
          numero_sne,
          taille_menage,
          quartile,
          prioritaire,
          rang,
        })),
      ).toEqual([
        { numero_sne: null, taille_menage: null, quartile: 1, prioritaire: true, rang: 1 },
        { numero_sne: null, taille_menage: null, quartile: 3, prioritaire: false, rang: 2 },
      ]);
    }
    for (const [nom, sne] of [
      ['expiree10', '069000000010'],
      ['ouverte', '069000000099'],
      ['attribueeSansBail400', '069000000042'],
    ]) {
      expect(de(apres, nom)).toEqual([
        {
          proposition_id: propositions[nom],
          numero_sne: `${sne}1`,
          taille_menage: 3,
          quartile: 1,
          prioritaire: true,
          rang: 1,
          purge_at: null,
        },
        {
          proposition_id: propositions[nom],
          numero_sne: `${sne}2`,
          taille_menage: 5,
          quartile: 3,
          prioritaire: false,
          rang: 2,
          purge_at: null,
        },
      ]);
    }
    // No other candidate in the database was touched, and the bilan's fields are those of before.
    expect(
      apres.map(({ proposition_id, quartile, prioritaire, rang }) => ({ proposition_id, quartile, prioritaire, rang })),
    ).toEqual(
      avant.map(({ proposition_id, quartile, prioritaire, rang }) => ({ proposition_id, quartile, prioritaire, rang })),
    );
    expect(apres.filter((l) => l.purge_at !== null)).toHaveLength(4);

    // The append-only event log never held an SNE number (a CAL step names the candidate by its rank).
    const [{ n }] = await s.db.dataSource.query(
      `SELECT count(*)::int AS n FROM event_log WHERE payload::text LIKE '%0690000000%'`,
    );
    expect(n).toBe(0);
    const etapes = await s.db.dataSource.query(
      `SELECT payload->>'etape' AS etape FROM event_log WHERE payload->>'propositionId' = ANY($1) AND payload ? 'etape'`,
      [[propositions.declinee400, propositions.bail400]],
    );
    expect(etapes.map((e: { etape: string }) => e.etape)).toEqual(
      expect.arrayContaining([
        'Attribué par la CAL au candidat de rang 1',
        'Décision de CAL (refus) pour le candidat de rang 2',
      ]),
    );

    // Running it again changes nothing more (the purge date included).
    expect(await service.purger(new Date())).toBe(0);
    expect(await candidats()).toEqual(apres);
  });

  it('purges the recently closed ones once they pass the retention period too', async () => {
    const service = s.app.get(PurgeCandidatsService, { strict: false });
    const dansUnAn = new Date(Date.now() + 360 * 86_400_000);
    expect(await service.purger(dansUnAn)).toBe(2);
    const lignes = await candidats();
    expect(de(lignes, 'expiree10').map((l) => [l.numero_sne, l.taille_menage, l.quartile, l.prioritaire])).toEqual([
      [null, null, 1, true],
      [null, null, 3, false],
    ]);
    expect(de(lignes, 'ouverte').every((l) => l.numero_sne !== null && l.purge_at === null)).toBe(true);
    expect(de(lignes, 'attribueeSansBail400').every((l) => l.numero_sne !== null && l.purge_at === null)).toBe(true);
  });

  it('refuses an SNE number written back on a purged candidate, and a candidate without one that is not purged', async () => {
    const [ligne] = de(await candidats(), 'declinee400');
    await expect(
      s.db.dataSource.query(`UPDATE candidat SET numero_sne = 'X' WHERE proposition_id = $1 AND rang = $2`, [
        ligne.proposition_id,
        ligne.rang,
      ]),
    ).rejects.toThrow(/chk_candidat_purge/);
    const [gardee] = de(await candidats(), 'ouverte');
    await expect(
      s.db.dataSource.query(`UPDATE candidat SET taille_menage = NULL WHERE proposition_id = $1 AND rang = $2`, [
        gardee.proposition_id,
        gardee.rang,
      ]),
    ).rejects.toThrow(/chk_candidat_purge/);
  });
});
