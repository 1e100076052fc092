/**
 * The live flow's lists over HTTP, on the real PostgreSQL (own database, jobs in-process):
 * `GET /api/propositions` (scoped to the bailleurs, and to its own conventions for a réservataire;
 * EN_ATTENTE with a délai first, nearest délai first) and `GET /api/overrides` (staff only, status =
 * latest step).
 */
process.env.FLOW_DUREE_JOUR_MS = '60000'; // a 30-day délai lasts 30 min: nothing expires during the suite
process.env.FLOW_POLL_MS = '200';

import type { Destination } from '@aiguillage/engine';
import { account, type Account } from '../helpers/app';
import { LiveFlowSuite } from './flow-app';

jest.setTimeout(60_000);

describe('live flow lists (GET /api/propositions, GET /api/overrides)', () => {
  const s = new LiveFlowSuite();
  const { http, auth, nextDate, flats, conventionOf, isDirecte, orient } = s;
  /** The DIRECTE propositions made by the first test, in the order they were sent. */
  const directes: Array<{ id: string; conventionId: string }> = [];

  /**
   * Declares flats until the recommendation suits `wanted`; the others are oriented as recommended,
   * as a chargé would (choosing a DIRECTE convention over the préfet's puts the préfet below its floor
   * until a few flats have gone to it).
   */
  const declareUntil = async (wanted: (body: any) => boolean) => {
    for (let i = 0; i < 60; i++) {
      const res = await http()
        .post('/api/liberations')
        .set(auth(s.charge))
        .send({ logementId: flats()[s.flatCursor++].id, date: nextDate(), motif: 'CONGE' });
      if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
      if (wanted(res.body)) return res.body;
      if (res.body.recommendation.recommandee) await orient(res.body.liberation.id).expect(201);
    }
    throw new Error('aucune libération ne donne la recommandation voulue');
  };
  /** Orients a new libération to an eligible DIRECTE convention: a proposition waiting for candidates. */
  const directe = async () => {
    const body = await declareUntil((b) => b.recommendation.options.some(isDirecte));
    const option = body.recommendation.options.find(isDirecte);
    const decided = await orient(body.liberation.id, {
      destination: option.destination,
      motif: 'DEMANDE_RESERVATAIRE',
    });
    expect(decided.status).toBe(201);
    expect(decided.body.delaiExpireAt).not.toBeNull();
    return {
      id: decided.body.propositionId as string,
      conventionId: option.destination.conventionId as string,
      liberationId: body.liberation.id as string,
    };
  };
  const list = async (a: Account, query = '') => {
    const res = await http().get(`/api/propositions${query}`).set(auth(a));
    expect(res.status).toBe(200);
    return res.body as { items: any[]; total: number };
  };

  beforeAll(async () => {
    // No approval needed: the chargé's choices of a DIRECTE convention are decided at once.
    await http()
      .put(`/api/bailleurs/${s.bailleurId}/politique-derogation`)
      .set(auth(s.manager))
      .send({ toujours: false, ecartCible: false, regleSouple: false })
      .expect(200);
  });

  it("lists a DIRECTE proposition for its réservataire's account only; a chargé of another bailleur sees nothing", async () => {
    const p = await directe();
    directes.push({ id: p.id, conventionId: p.conventionId });
    const reservataireId = conventionOf(p.conventionId).reservataireId;
    const other = s.demo.conventions.find(
      (c) => c.bailleurId === s.bailleurId && c.reservataireId !== reservataireId,
    )!.reservataireId;
    const own = await account(s.app, 'RESERVATAIRE', [s.bailleurId], reservataireId);
    const stranger = await account(s.app, 'RESERVATAIRE', [s.bailleurId], other);
    const ownConventions = new Set(
      s.demo.conventions.filter((c) => c.reservataireId === reservataireId).map((c) => c.id),
    );
    const otherConventions = new Set(s.demo.conventions.filter((c) => c.reservataireId === other).map((c) => c.id));

    const mine = await list(own);
    const item = mine.items.find((i) => i.id === p.id);
    const logement = s.demo.logements.find((l) => l.id === item?.logementId);
    expect(item).toMatchObject({
      status: 'EN_ATTENTE',
      conventionId: p.conventionId,
      liberationId: p.liberationId,
      commune: logement?.commune,
      typologie: logement?.typologie,
      qpv: logement?.qpv,
    });
    expect(item.dateLiberation).toMatch(/^2026-\d{2}-\d{2}$/);
    expect(new Date(item.delaiExpireAt).getTime()).toBeGreaterThan(new Date(item.sentAt).getTime());
    expect(mine.items.every((i) => ownConventions.has(i.conventionId))).toBe(true);
    expect(mine.total).toBe(mine.items.length);

    const theirs = await list(stranger);
    expect(theirs.items.map((i) => i.id)).not.toContain(p.id);
    expect(theirs.items.every((i) => otherConventions.has(i.conventionId))).toBe(true);
    // Its own read by id agrees with the list: the stranger is refused the proposition.
    await http().get(`/api/propositions/${p.id}`).set(auth(stranger)).expect(404);

    const staff = await list(s.charge);
    expect(staff.items.map((i) => i.id)).toContain(p.id);
    const elsewhere = await account(s.app, 'CHARGE', [s.demo.bailleurs[1].id]);
    expect(await list(elsewhere)).toEqual({ items: [], total: 0 });
  });

  it('puts EN_ATTENTE with a délai first, nearest délai first, then the others by sent_at desc; filters by status and convention', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await directe();
      directes.push({ id: p.id, conventionId: p.conventionId });
    }
    const [p1, p2, p3, p4] = directes;
    // Délais set apart so that neither the sending order nor the délai alone gives the expected order.
    const days = (n: number) => `sent_at + interval '${n} days'`;
    await s.db.dataSource.query(`UPDATE proposition SET delai_expire_at = ${days(10)} WHERE id = $1`, [p1.id]);
    await s.db.dataSource.query(`UPDATE proposition SET delai_expire_at = ${days(2)} WHERE id = $1`, [p2.id]);
    await s.db.dataSource.query(`UPDATE proposition SET delai_expire_at = ${days(5)} WHERE id = $1`, [p3.id]);
    await s.db.dataSource.query(`UPDATE proposition SET delai_expire_at = ${days(1)} WHERE id = $1`, [p4.id]);
    // p4 (sent last, nearest délai) gets its candidates: no longer waiting, it goes after the waiting ones.
    const reservataire = await account(
      s.app,
      'RESERVATAIRE',
      [s.bailleurId],
      conventionOf(p4.conventionId).reservataireId,
    );
    const recus = await http()
      .post(`/api/propositions/${p4.id}/candidats`)
      .set(auth(reservataire))
      .send({
        candidats: [{ numeroSne: '0690123456789', rang: 1, tailleMenage: 3, quartile: 1, prioritaire: false }],
      });
    expect(recus.status).toBe(200);
    expect(recus.body.status).toBe('CANDIDATS_RECUS');

    const all = await list(s.charge, '?limit=500');
    const ids = directes.map((p) => p.id);
    expect(all.items.map((i) => i.id).filter((id) => ids.includes(id))).toEqual([p2.id, p3.id, p1.id, p4.id]);
    const waiting = all.items.filter((i) => i.status === 'EN_ATTENTE' && i.delaiExpireAt);
    expect(all.items.slice(0, waiting.length)).toEqual(waiting);
    const delais = waiting.map((i) => new Date(i.delaiExpireAt).getTime());
    expect(delais).toEqual([...delais].sort((a, b) => a - b));
    const rest = all.items.slice(waiting.length).map((i) => new Date(i.sentAt).getTime());
    expect(rest).toEqual([...rest].sort((a, b) => b - a));

    const enAttente = await list(s.charge, '?status=EN_ATTENTE&limit=500');
    expect(enAttente.items.map((i) => i.id)).toEqual(expect.arrayContaining([p1.id, p2.id, p3.id]));
    expect(enAttente.items.map((i) => i.id)).not.toContain(p4.id);
    expect(enAttente.items.every((i) => i.status === 'EN_ATTENTE')).toBe(true);
    const candidatsRecus = await list(s.charge, '?status=CANDIDATS_RECUS');
    expect(candidatsRecus).toEqual({
      items: [expect.objectContaining({ id: p4.id, status: 'CANDIDATS_RECUS' })],
      total: 1,
    });

    const parConvention = await list(s.charge, `?conventionId=${p1.conventionId}&limit=500`);
    expect(parConvention.items.map((i) => i.id)).toContain(p1.id);
    expect(parConvention.items.every((i) => i.conventionId === p1.conventionId)).toBe(true);

    // Pages: the total counts every match, the page holds `limit` of them from `offset`.
    const page = await list(s.charge, '?limit=1&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.items.map((i) => i.id)).toEqual([all.items[1].id]);
  });

  it('refuses a bad status, conventionId, limit or offset with a 400 in French', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['/api/propositions?status=PERDUE', 'status', /^doit être l'une des valeurs : EN_ATTENTE, CANDIDATS_RECUS/],
      ['/api/propositions?conventionId=abc', 'conventionId', /^doit être un identifiant UUID$/],
      ['/api/propositions?limit=501', 'limit', /^doit être inférieur ou égal à 500$/],
      ['/api/propositions?limit=0', 'limit', /^doit être supérieur ou égal à 1$/],
      ['/api/propositions?limit=dix', 'limit', /^doit être un nombre entier$/],
      ['/api/propositions?offset=-1', 'offset', /^doit être supérieur ou égal à 0$/],
      ['/api/overrides?status=EN_ATTENTE', 'status', /^doit être l'une des valeurs : PENDING, APPROVED, REJECTED$/],
      ['/api/overrides?limit=1000', 'limit', /^doit être inférieur ou égal à 500$/],
    ];
    for (const [path, champ, raison] of cases) {
      const res = await http().get(path).set(auth(s.manager));
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.message).toBe('Requête invalide');
      expect(res.body.erreurs).toEqual([{ champ, raison: expect.stringMatching(raison) }]);
    }
    await http().get('/api/propositions?limit=500').set(auth(s.manager)).expect(200);
  });

  it('lists a pending override until a second manager approves it; staff of the bailleur only', async () => {
    await http()
      .put(`/api/bailleurs/${s.bailleurId}/politique-derogation`)
      .set(auth(s.manager))
      .send({ toujours: true, ecartCible: true, regleSouple: true })
      .expect(200);
    const body = await declareUntil(
      (b) => b.recommendation.options.filter((o: any) => o.eligible && o.destination.kind === 'CONVENTION').length >= 2,
    );
    const reco = body.recommendation.recommandee as Destination;
    const alt = body.recommendation.options.find(
      (o: any) =>
        o.eligible && o.destination.kind === 'CONVENTION' && JSON.stringify(o.destination) !== JSON.stringify(reco),
    ).destination;
    const urgence = { destination: alt, motif: 'URGENCE', commentaire: 'Relogement après sinistre' };
    const pending = await orient(body.liberation.id, urgence, s.manager);
    expect(pending.status).toBe(202);
    const overrideId = pending.body.overrideRequestId;

    const overrides = async (a: Account, query = '') => {
      const res = await http().get(`/api/overrides${query}`).set(auth(a));
      expect(res.status).toBe(200);
      return res.body as { items: any[]; total: number };
    };
    const queue = await overrides(s.charge, '?status=PENDING');
    expect(queue.items.find((o) => o.id === overrideId)).toEqual({
      id: overrideId,
      liberationId: body.liberation.id,
      logementId: body.liberation.logementId,
      destination: alt,
      reason: 'URGENCE',
      comment: 'Relogement après sinistre',
      requestedBy: s.manager.userId,
      requestedByNom: expect.stringMatching(/^MANAGER /),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      status: 'PENDING',
    });
    expect(queue.items.every((o) => o.status === 'PENDING')).toBe(true);
    expect(queue.total).toBe(queue.items.length);

    const elsewhere = await account(s.app, 'MANAGER', [s.demo.bailleurs[1].id]);
    expect(await overrides(elsewhere)).toEqual({ items: [], total: 0 });
    const reservataire = await account(
      s.app,
      'RESERVATAIRE',
      [s.bailleurId],
      conventionOf(alt.conventionId).reservataireId,
    );
    const refused = await http().get('/api/overrides').set(auth(reservataire));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^Accès refusé/);

    await http()
      .post(`/api/overrides/${overrideId}/approve`)
      .set(auth(s.manager2))
      .send({ commentaire: 'Validé' })
      .expect(201);
    expect((await overrides(s.manager, '?status=PENDING')).items.map((o) => o.id)).not.toContain(overrideId);
    const approved = await overrides(s.manager, '?status=APPROVED');
    expect(approved.items.find((o) => o.id === overrideId)).toMatchObject({
      status: 'APPROVED',
      requestedBy: s.manager.userId,
    });
    expect(approved.items.every((o) => o.status === 'APPROVED')).toBe(true);
    expect((await overrides(s.manager)).items.map((o) => o.id)).toContain(overrideId);
  });
});
