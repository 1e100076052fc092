/**
 * Managers approve overrides in Slack, end to end on the real PostgreSQL (jobs in-process): the
 * request goes through the outbox to the `notification.derogation` job, which posts it to the
 * approvals channel of a local fake Slack Web API; the Bolt app (HTTP receiver, signed requests)
 * handles the « Approuver » / « Rejeter » buttons with the same use cases and rules as the API.
 */
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { OutboxRelay } from '@aiguillage/core/platform/live';
import { ACTION_APPROUVER_DEROGATION, ACTION_REJETER_DEROGATION, lireDerogation } from '@aiguillage/core/notifications';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import request from 'supertest';
import type { IsolatedDatabase } from '../helpers/app';
import { account, waitUntil, type Account } from '../helpers/app';
import { blockActionBody, slackSignature, type FakeSlack, type SlackCall } from './fake-slack';
import { SIGNING_SECRET, startSlackTestApp, type SlackTestApp } from './slack-app';

jest.setTimeout(60_000);

const CANAL = 'C0APPROBATIONS';

describe('approbation des dérogations dans Slack', () => {
  let t: SlackTestApp;
  let slack: FakeSlack;
  let db: IsolatedDatabase;
  let app: INestApplication;
  let url: string;
  let botUrl: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let autreBailleurId: string;
  let charge: Account;
  let managerA: Account;
  let managerB: Account;
  let managerAutre: Account;
  const noms = new Map<string, string>();
  let dayCounter = 0;
  let flatCursor = 0;

  const auth = (a: Account) => ({ Authorization: `Bearer ${a.token}` });
  const count = async (sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params))[0].n as number;
  const stepsOf = (id: string): Promise<Array<{ status: string; actorId: string; comment: string | null }>> =>
    db.dataSource.query(
      `SELECT status, actor_id AS "actorId", comment FROM override_step WHERE override_request_id = $1 ORDER BY created_at, id`,
      [id],
    );
  const decisionOf = async (liberationId: string) =>
    (
      await db.dataSource.query(
        `SELECT id, override_request_id AS "overrideRequestId", decided_by AS "decidedBy", is_override AS "isOverride" FROM orientation_decision WHERE liberation_id = $1`,
        [liberationId],
      )
    )[0] ?? null;
  const postsFor = (id: string) =>
    slack.of('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? []).includes(id));
  /**
   * Every outbox row relayed, then a later override posted through the same path (outbox, job, the
   * channel's queue): what was queued before it has been posted. Its override's id.
   */
  const jobsSettled = async () => {
    await waitUntil(
      'outbox relayed',
      async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0,
    );
    return (await derogationPubliee()).id;
  };

  /** Links a Slack user id to an account's e-mail in the fake `users.info`. */
  async function slackUser(slackId: string, a: Account): Promise<void> {
    const [u] = await db.dataSource.query(`SELECT email, nom FROM app_user WHERE id = $1`, [a.userId]);
    slack.users.set(slackId, u.email);
    noms.set(slackId, u.nom);
  }

  /** Declares a freed flat of `bailleur` whose recommendation has an eligible alternative (`voulue`); returns the libération and it. */
  async function liberationAvecAlternative(a: Account, bailleur: string, voulue: (d: any) => boolean = () => true) {
    const flats = logementsLiberables(demo, bailleur);
    for (let i = 0; i < 40; i++) {
      const date = new Date(Date.UTC(2026, 4, 1) + dayCounter++ * 86_400_000).toISOString().slice(0, 10);
      const res = await request(url)
        .post('/api/liberations')
        .set(auth(a))
        .send({ logementId: flats[flatCursor++].id, date, motif: 'CONGE' });
      if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
      const reco = JSON.stringify(res.body.recommendation.recommandee);
      const alt = res.body.recommendation.options.find(
        (o: any) => o.eligible && JSON.stringify(o.destination) !== reco && voulue(o.destination),
      );
      if (res.body.recommendation.recommandee && alt)
        return { liberationId: res.body.liberation.id as string, destination: alt.destination };
    }
    throw new Error('aucune libération avec deux options éligibles');
  }

  /** An override by `a` on `bailleur` (to an alternative `voulue`); returns the API's answer. */
  async function deroger(a: Account, bailleur: string, voulue?: (d: any) => boolean) {
    const { liberationId, destination } = await liberationAvecAlternative(a, bailleur, voulue);
    const res = await request(url)
      .post('/api/orientations')
      .set(auth(a))
      .send({ liberationId, destination, motif: 'URGENCE', commentaire: 'Relogement après sinistre <urgent>' });
    return { liberationId, res };
  }

  /** A pending override by `a` (to an alternative `voulue`), and its message as posted in the channel. */
  async function derogationPubliee(a: Account = charge, voulue?: (d: any) => boolean) {
    const { liberationId, res } = await deroger(a, bailleurId, voulue);
    expect(res.status).toBe(202);
    const id = res.body.overrideRequestId as string;
    const post = await slack.waitFor(`chat.postMessage de ${id}`, () => postsFor(id)[0]);
    for (let i = 0; i < 200; i++) {
      const [row] = await db.dataSource.query(`SELECT ts FROM slack_message WHERE cle = $1 AND ts IS NOT NULL`, [
        `derogation-${id}`,
      ]);
      if (row) return { id, liberationId, post, ts: row.ts as string };
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`ts de la demande ${id} non enregistré`);
  }

  /** A click on a button of the message, signed like Slack; returns the receiver's HTTP status. */
  async function clic(
    slackUserId: string,
    actionId: string,
    d: { id: string; post: SlackCall; ts: string },
    secret = SIGNING_SECRET,
  ): Promise<number> {
    const body = blockActionBody({
      slackUserId,
      actionId,
      value: d.id,
      channel: CANAL,
      message: { ts: d.ts, text: d.post.args.text, blocks: d.post.args.blocks },
    });
    const res = await request(botUrl)
      .post('/slack/events')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set(slackSignature(secret, body))
      .send(body);
    return res.status;
  }

  const ephemeralFor = (slackUserId: string, after: number) =>
    slack.waitFor(`chat.postEphemeral pour ${slackUserId}`, () =>
      slack.calls.slice(after).find((c) => c.method === 'chat.postEphemeral' && c.args.user === slackUserId),
    );

  beforeAll(async () => {
    t = await startSlackTestApp({ SLACK_CANAL_APPROBATIONS: CANAL });
    ({ slack, db, app, url, botUrl, demo } = t);
    bailleurId = demo.bailleurs[0].id;
    autreBailleurId = demo.bailleurs[1].id;
    charge = await account(app, 'CHARGE', [bailleurId]);
    managerA = await account(app, 'MANAGER', [bailleurId]);
    managerB = await account(app, 'MANAGER', [bailleurId]);
    managerAutre = await account(app, 'MANAGER', [autreBailleurId]);
    await slackUser('UCHARGE', charge);
    await slackUser('UMANAGERA', managerA);
    await slackUser('UMANAGERB', managerB);
    await slackUser('UAUTRE', managerAutre);
    slack.users.set('UINCONNU', 'personne@ailleurs.test');
    await request(url)
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set(auth(managerA))
      .send({ toujours: true, ecartCible: false, regleSouple: false })
      .expect(200);
    await request(url)
      .put(`/api/bailleurs/${autreBailleurId}/politique-derogation`)
      .set(auth(managerAutre))
      .send({ toujours: false, ecartCible: false, regleSouple: false })
      .expect(200);
  });

  afterAll(() => t?.close());

  it('posts one message with both buttons to the channel for an override awaiting approval, even when relayed twice', async () => {
    const { id, post } = await derogationPubliee();
    expect(post.args.channel).toBe(CANAL);
    expect(post.token).toBe('xoxb-jeton-de-test');
    const blocks = post.args.blocks as any[];
    const buttons = blocks.find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.action_id, b.text.text, b.value])).toEqual([
      [ACTION_APPROUVER_DEROGATION, 'Approuver', id],
      [ACTION_REJETER_DEROGATION, 'Rejeter', id],
    ]);
    const text = JSON.stringify(blocks);
    expect(post.args.text).toMatch(/^Dérogation à approuver : T\d à .+, demandée par CHARGE /);
    for (const part of [
      'Dérogation à approuver',
      '*Logement* : T',
      'QPV',
      '*Recommandé*',
      '*Demandé*',
      '*Motif* : Urgence',
      '*Demandé par* : CHARGE',
      'La politique du bailleur soumet toute dérogation à approbation',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('Relogement après sinistre &lt;urgent&gt;'); // mrkdwn escaped
    // The flat and the requested destination, as in the database.
    const [row] = await db.dataSource.query(
      `SELECT lg.typologie::text AS typologie, lg.qpv, cm.nom AS commune, r.destination_kind::text AS kind, rc.reference, rr.nom AS reservataire
       FROM override_request r JOIN liberation l ON l.id = r.liberation_id JOIN logement lg ON lg.id = l.logement_id
       LEFT JOIN commune cm ON cm.insee = lg.commune LEFT JOIN convention rc ON rc.id = r.convention_id LEFT JOIN reservataire rr ON rr.id = rc.reservataire_id
       WHERE r.id = $1`,
      [id],
    );
    expect(text).toContain(`*Logement* : ${row.typologie} à ${row.commune} (`);
    expect(text).toContain(row.qpv ? ', en QPV' : ', hors QPV');
    const demande = blocks.find((b) => b.block_id === 'destinations').fields[1].text as string;
    if (row.kind === 'CONVENTION')
      expect(demande).toContain(`*Demandé*\n${row.reservataire} — convention ${row.reference}`);
    else expect(demande).toMatch(/^\*Demandé\*\n(Usage exclu : |Part du bailleur)/);

    // The relay runs again over the same outbox rows (a mark lost in a crash): nothing posted twice.
    const relay = app.get(OutboxRelay);
    for (let i = 0; i < 2; i++) {
      await db.dataSource.query(`UPDATE outbox SET relayed_at = NULL`);
      expect(await relay.relay()).toBeGreaterThanOrEqual(1);
    }
    await jobsSettled();
    expect(postsFor(id)).toHaveLength(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE topic = 'notification.derogation' AND payload->>'overrideRequestId' = $1`,
        [id],
      ),
    ).toBe(1);
  });

  it('names a sub-quota by its name, not its code, requested or recommended', async () => {
    const prefet = demo.conventions.find((c) => c.bailleurId === bailleurId && c.sousQuotas.length > 0)!;
    const [sq] = prefet.sousQuotas;
    const { id, post } = await derogationPubliee(charge, (d) => d.sousQuota === sq.code);
    const demande = (post.args.blocks as any[]).find((b) => b.block_id === 'destinations').fields[1].text as string;
    expect(demande).toContain(`— convention ${prefet.reference}, sous-quota ${sq.libelle}`);
    expect(demande).not.toContain(sq.code);
    // The recommended side, read by the same query: its recommendation made to point at the sub-quota.
    await db.dataSource.query(
      `UPDATE recommendation SET options = jsonb_set(jsonb_set(options, '{0,destination}', $2::jsonb), '{0,eligible}', 'true')
       WHERE id = (SELECT recommendation_id FROM override_request WHERE id = $1)`,
      [id, JSON.stringify({ kind: 'CONVENTION', conventionId: prefet.id, sousQuota: sq.code })],
    );
    const lue = await lireDerogation(db.dataSource, id, false);
    expect(lue!.recommandee).toMatchObject({ conventionReference: prefet.reference, sousQuota: sq.libelle });
  });

  it('an answer no retry can fix (channel_not_found) is recorded on the message, and the channel goes on', async () => {
    slack.failing.set('chat.postMessage', 'channel_not_found');
    let id: string;
    try {
      const { res } = await deroger(charge, bailleurId);
      id = res.body.overrideRequestId;
      for (let i = 0; i < 200; i++) {
        const [row] = await db.dataSource.query(
          `SELECT last_error AS e FROM slack_message WHERE cle = $1 AND sent_at IS NOT NULL`,
          [`derogation-${id}`],
        );
        if (row) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      slack.failing.delete('chat.postMessage');
    }
    const [row] = await db.dataSource.query(`SELECT last_error AS e, ts FROM slack_message WHERE cle = $1`, [
      `derogation-${id}`,
    ]);
    expect(row).toEqual({ e: 'channel_not_found', ts: null });
    expect(postsFor(id)).toHaveLength(1); // tried once, not retried
    await derogationPubliee();
  });

  it('posts nothing when the policy does not require an approval', async () => {
    const autreCharge = await account(app, 'CHARGE', [autreBailleurId]);
    const before = slack.of('chat.postMessage').length;
    const { res } = await deroger(autreCharge, autreBailleurId);
    expect(res.status).toBe(201);
    expect(res.body.isOverride).toBe(true);
    const suivante = await jobsSettled();
    expect(slack.of('chat.postMessage').slice(before)).toEqual(postsFor(suivante));
    expect(postsFor(suivante)).toHaveLength(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE topic = 'notification.derogation' AND payload->>'overrideRequestId' = $1`,
        [res.body.overrideRequestId],
      ),
    ).toBe(0);
  });

  it('« Approuver » by a manager of the bailleur writes the decision and replaces the message without buttons', async () => {
    const d = await derogationPubliee();
    expect(await clic('UMANAGERB', ACTION_APPROUVER_DEROGATION, d)).toBe(200);
    const update = await slack.waitFor('chat.update', () => slack.of('chat.update').find((c) => c.args.ts === d.ts));
    expect(update.args.channel).toBe(CANAL);
    expect(update.args.text).toBe(`Dérogation approuvée par ${noms.get('UMANAGERB')}`);
    expect((update.args.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(update.args.blocks)).toContain(`Dérogation approuvée par ${noms.get('UMANAGERB')}`);

    const decision = await decisionOf(d.liberationId);
    expect(decision).toMatchObject({ overrideRequestId: d.id, decidedBy: managerB.userId, isOverride: true });
    const steps = await stepsOf(d.id);
    expect(steps.map((s) => s.status)).toEqual(['PENDING', 'APPROVED']);
    expect(steps[1]).toMatchObject({ actorId: managerB.userId, comment: 'Depuis Slack' });

    // A second click once handled: told so, privately; nothing written, the message left alone.
    const calls = slack.calls.length;
    expect(await clic('UMANAGERA', ACTION_REJETER_DEROGATION, d)).toBe(200);
    const ephemeral = await ephemeralFor('UMANAGERA', calls);
    expect(ephemeral.args.channel).toBe(CANAL);
    expect(ephemeral.args.text).toBe('Action refusée : Cette demande de dérogation a déjà été traitée (approuvée)');
    expect(await stepsOf(d.id)).toHaveLength(2);
    expect(slack.calls.slice(calls).filter((c) => c.method === 'chat.update')).toHaveLength(0);
  });

  it('refuses, privately and in French, the requester, an unknown e-mail, another bailleur’s manager and a chargé; nothing written', async () => {
    const d = await derogationPubliee(managerA); // requested by a manager
    const refus: Array<[string, string]> = [
      [
        'UMANAGERA',
        'Action refusée : Accès refusé : une dérogation doit être approuvée par un autre responsable que son demandeur',
      ],
      [
        'UINCONNU',
        "Action refusée : aucun compte Aiguillage actif pour l'adresse personne@ailleurs.test : demandez à un administrateur de vous associer",
      ],
      ['UAUTRE', `Action refusée : Demande de dérogation introuvable : ${d.id}`],
      ['UCHARGE', 'Action refusée : Accès refusé : réservé aux rôles ADMIN, MANAGER'],
    ];
    for (const [slackId, texte] of refus) {
      const calls = slack.calls.length;
      expect(await clic(slackId, ACTION_APPROUVER_DEROGATION, d)).toBe(200);
      const ephemeral = await ephemeralFor(slackId, calls);
      expect(ephemeral.args.text).toBe(texte);
      expect(slack.calls.slice(calls).filter((c) => c.method === 'chat.update')).toHaveLength(0);
    }
    expect((await stepsOf(d.id)).map((s) => s.status)).toEqual(['PENDING']);
    expect(await decisionOf(d.liberationId)).toBeNull();
  });

  it('« Rejeter » records the rejection; the flat stays to be decided', async () => {
    const d = await derogationPubliee();
    expect(await clic('UMANAGERA', ACTION_REJETER_DEROGATION, d)).toBe(200);
    const update = await slack.waitFor('chat.update', () => slack.of('chat.update').find((c) => c.args.ts === d.ts));
    expect(update.args.text).toBe(`Dérogation rejetée par ${noms.get('UMANAGERA')}`);
    expect((update.args.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    const steps = await stepsOf(d.id);
    expect(steps.map((s) => s.status)).toEqual(['PENDING', 'REJECTED']);
    expect(steps[1]).toMatchObject({ actorId: managerA.userId, comment: 'Depuis Slack' });
    expect(await decisionOf(d.liberationId)).toBeNull();
  });

  it('answers 401 to a request with a bad signature and does nothing', async () => {
    const d = await derogationPubliee();
    const calls = slack.calls.length;
    expect(await clic('UMANAGERB', ACTION_APPROUVER_DEROGATION, d, 'pas-le-bon-secret')).toBe(401);
    // A later click, signed right, by an unknown user: once its refusal is in, an answer to the first
    // would be too. No other message sent or updated.
    expect(await clic('UINCONNU', ACTION_APPROUVER_DEROGATION, d)).toBe(200);
    const refus = await ephemeralFor('UINCONNU', calls);
    expect(slack.calls.slice(calls).filter((c) => c.method.startsWith('chat.'))).toEqual([refus]);
    expect((await stepsOf(d.id)).map((s) => s.status)).toEqual(['PENDING']);
    expect(await decisionOf(d.liberationId)).toBeNull();
  });
});
