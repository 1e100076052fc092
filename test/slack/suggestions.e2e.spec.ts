/**
 * Suggestions in Slack, end to end: a libération POSTed over HTTP → the suggestion posted to the
 * bailleur's channel (through the event log, the outbox and the delivery job) → a signed
 * « Accepter » click → the decision recorded once → the console's socket receives
 * `orientation.decided` → the message updated in place. Then the override modal, approved by a
 * manager's click in the suggestion's thread; the HTTP receiver's signature and replay checks.
 */
process.env.FLOW_POLL_MS = '200';

import { ACTION_APPROUVER_DEROGATION } from '@aiguillage/core/notifications';
import { ACTION_ACCEPTER, ACTION_DEROGER, VUE_DEROGATION } from '@aiguillage/core/slack';
import request from 'supertest';
import { account, LiveClient, type Account } from '../helpers/app';
import { blockActionBody } from './fake-slack';
import { outilsSuggestions } from './suggestion-outils';
import {
  auth,
  Liberations,
  mapChannel,
  posterSigne,
  slackAccount,
  startSlackTestApp,
  type SlackTestApp,
} from './slack-app';

jest.setTimeout(90_000);

const CANAL = 'C0BAILLEURA';

describe('suggestions Slack', () => {
  let t: SlackTestApp;
  let bailleurId: string;
  let autreBailleurId: string;
  let admin: Account;
  let charge: Account & { nom: string; email: string };
  let manager: Account & { nom: string };
  let liberations: Liberations;

  const { suggestionDe, tsDe, clic, boutons, decisions, majDe, ouvrirDerogation, envoyerDerogation } =
    outilsSuggestions(() => t, CANAL);

  beforeAll(async () => {
    t = await startSlackTestApp();
    bailleurId = t.demo.bailleurs[0].id;
    autreBailleurId = t.demo.bailleurs[1].id;
    admin = await account(t.app, 'ADMIN', [bailleurId, autreBailleurId]);
    charge = await slackAccount(t, 'UCHARGE', 'CHARGE', [bailleurId]);
    manager = await slackAccount(t, 'UMANAGER', 'MANAGER', [bailleurId]);
    await slackAccount(t, 'UAUTRE', 'CHARGE', [autreBailleurId]);
    t.slack.users.set('UINCONNU', 'personne@ailleurs.test');
    liberations = new Liberations(t);
    await mapChannel(t, admin, bailleurId, CANAL);
  });

  afterAll(() => t?.close());

  it('the channel mapping is edited by an ADMIN only, with French 400s', async () => {
    const lu = await request(t.url).get(`/api/bailleurs/${bailleurId}/slack-canaux`).set(auth(charge)).expect(200);
    expect(lu.body).toEqual([{ territoire: '', canal: CANAL }]);
    await request(t.url)
      .put(`/api/bailleurs/${bailleurId}/slack-canaux`)
      .set(auth(manager))
      .send({ canaux: [] })
      .expect(403);
    const bad = await request(t.url)
      .put(`/api/bailleurs/${bailleurId}/slack-canaux`)
      .set(auth(admin))
      .send({ canaux: [{ canal: '#general' }] })
      .expect(400);
    expect(bad.body.erreurs).toEqual([
      { champ: 'canaux[0].canal', raison: "doit être l'identifiant d'un canal Slack (C0123ABCD)" },
    ]);
    expect((await request(t.url).get(`/api/bailleurs/${bailleurId}/slack-canaux`).set(auth(admin))).body).toEqual([
      { territoire: '', canal: CANAL },
    ]);
  });

  it('posts the suggestion in French, clicks « Accepter »: one decision, pushed to the console, message updated', async () => {
    const { liberationId, body } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    expect(post.args.channel).toBe(CANAL);
    const texte = JSON.stringify(post.args.blocks);
    const [lg] = await t.db.dataSource.query(
      `SELECT lg.rpls_id AS rpls, cm.nom AS commune, lg.typologie::text AS typologie, lg.qpv, lg.financement::text AS financement
       FROM liberation l JOIN logement lg ON lg.id = l.logement_id JOIN commune cm ON cm.insee = lg.commune WHERE l.id = $1`,
      [liberationId],
    );
    expect(texte).toContain(`${lg.typologie} à ${lg.commune} (`);
    expect(texte).toContain(lg.qpv ? 'en QPV' : 'hors QPV');
    expect(texte).toContain(`financement ${lg.financement} — RPLS ${lg.rpls}`);
    const reco = body.recommendation.recommandee;
    if (reco.kind === 'CONVENTION') {
      const [c] = await t.db.dataSource.query(
        `SELECT c.reference, r.nom FROM convention c JOIN reservataire r ON r.id = c.reservataire_id WHERE c.id = $1`,
        [reco.conventionId],
      );
      expect(texte).toContain(`*Recommandé : ${c.nom} (convention ${c.reference})*`);
    }
    const eligibles = body.recommendation.options.filter((o: any) => o.eligible).length;
    expect((post.args.blocks as any[]).find((b) => b.block_id === 'alternatives')?.fields?.length ?? 0).toBe(
      Math.min(2, eligibles - 1),
    );
    // Why the first alternative came second, in one line naming both, under them.
    if (eligibles >= 2)
      expect((post.args.blocks as any[]).find((b) => b.block_id === 'pourquoi-second').elements[0].text).toMatch(
        /^_.+ vient en second : .+_$/,
      );
    expect(boutons(post).map((b: any) => [b.action_id, b.text.text])).toEqual([
      [ACTION_ACCEPTER, 'Accepter'],
      [ACTION_DEROGER, 'Déroger…'],
    ]);
    const ts = await tsDe(liberationId);
    expect(ts).toMatch(/^\d+\.\d{6}$/);

    const console_ = new LiveClient(t.url, charge.token);
    await console_.connected();
    expect((await clic('UCHARGE', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    const update = await majDe(ts);
    expect(update.args.channel).toBe(CANAL);
    expect(JSON.stringify(update.args.blocks)).toContain(`par ${charge.nom} le `);
    expect(JSON.stringify(update.args.blocks)).toContain('(recommandation suivie)');
    expect(JSON.stringify(update.args.blocks)).toContain('depuis Slack');
    expect((update.args.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(await decisions(liberationId)).toEqual([{ decidedBy: charge.userId, isOverride: false }]);
    await console_.waitFor('orientation.decided', () =>
      console_.of('orientation.decided').find((e) => e.liberationId === liberationId),
    );
    console_.close();

    // The same (now stale) message clicked again: the conflict, privately; nothing written or updated.
    const avant = t.slack.calls.length;
    expect((await clic('UMANAGER', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    const refus = await t.slack.waitFor('éphémère', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UMANAGER'),
    );
    expect(refus.args.text).toMatch(
      new RegExp(
        `^Action refusée : Logement déjà orienté par ${charge.nom.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`,
      ),
    );
    expect(await decisions(liberationId)).toHaveLength(1);
    expect(t.slack.calls.slice(avant).filter((c) => c.method === 'chat.update')).toHaveLength(0);
  });

  it('a decision taken through the API updates the message and says from where', async () => {
    const { liberationId } = await liberations.declarer(charge, bailleurId);
    await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    await request(t.url).post('/api/orientations').set(auth(manager)).send({ liberationId }).expect(201);
    const update = await majDe(ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`par ${manager.nom} le `);
    expect(JSON.stringify(update.args.blocks)).toContain("depuis l'application (console ou API)");
  });

  it('refuses unknown, out-of-scope and unlinked users privately; links on first use; an ADMIN unlinks', async () => {
    const { liberationId } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const attendus: Array<[string, RegExp]> = [
      ['UINCONNU', /^Action refusée : aucun compte Aiguillage actif pour l'adresse personne@ailleurs\.test/],
      ['UAUTRE', new RegExp(`^Action refusée : Libération introuvable : ${liberationId}`)],
    ];
    for (const [slackId, texte] of attendus) {
      const avant = t.slack.calls.length;
      await clic(slackId, ACTION_ACCEPTER, boutons(post)[0].value, post, ts);
      const e = await t.slack.waitFor(`refus ${slackId}`, () =>
        t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral' && c.args.user === slackId),
      );
      expect(e.args.text).toMatch(texte);
    }
    expect(await decisions(liberationId)).toEqual([]);
    const [lie] = await t.db.dataSource.query(`SELECT slack_user_id AS s FROM app_user WHERE id = $1`, [charge.userId]);
    expect(lie.s).toBe('UCHARGE');
    await request(t.url).delete(`/api/users/${charge.userId}/slack`).set(auth(admin)).expect(200);
    await request(t.url)
      .put(`/api/users/${charge.userId}/slack`)
      .set(auth(manager))
      .send({ slackUserId: 'UCHARGE' })
      .expect(403);
    const bad = await request(t.url)
      .put(`/api/users/${charge.userId}/slack`)
      .set(auth(admin))
      .send({ slackUserId: 'pas-un-id' })
      .expect(400);
    expect(bad.body.erreurs[0]).toEqual({
      champ: 'slackUserId',
      raison: "doit être l'identifiant d'un utilisateur Slack (U0123ABCD)",
    });
    await request(t.url)
      .put(`/api/users/${charge.userId}/slack`)
      .set(auth(admin))
      .send({ slackUserId: 'UCHARGE' })
      .expect(200);
  });

  it('an ADMIN’s unlink is remembered: the next click is refused, not relinked by e-mail, until an ADMIN links again', async () => {
    await request(t.url).delete(`/api/users/${charge.userId}/slack`).set(auth(admin)).expect(200);
    const { liberationId } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const lien = async () =>
      (await t.db.dataSource.query(`SELECT slack_user_id AS s FROM app_user WHERE id = $1`, [charge.userId]))[0].s;

    const avant = t.slack.calls.length;
    expect((await clic('UCHARGE', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    const refus = await t.slack.waitFor('refus après dissociation', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UCHARGE'),
    );
    expect(refus.args.text).toBe(
      `Action refusée : le compte Aiguillage ${charge.email} a été dissocié de Slack par un administrateur : demandez-lui de l'associer à nouveau`,
    );
    expect(await lien()).toBeNull();
    expect(await decisions(liberationId)).toEqual([]);

    await request(t.url)
      .put(`/api/users/${charge.userId}/slack`)
      .set(auth(admin))
      .send({ slackUserId: 'UCHARGE' })
      .expect(200);
    expect((await clic('UCHARGE', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    await majDe(ts, avant);
    expect(await decisions(liberationId)).toEqual([{ decidedBy: charge.userId, isOverride: false }]);
    expect(await lien()).toBe('UCHARGE');
  });

  it('« Déroger… » opens the modal (approval said beforehand); the override is threaded, approved by a manager’s click', async () => {
    await request(t.url)
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set(auth(manager))
      .send({ toujours: true, ecartCible: false, regleSouple: false })
      .expect(200);
    const { liberationId } = await liberations.declarer(charge, bailleurId, { deuxOptions: true });
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const view = await ouvrirDerogation('UCHARGE', post, ts);
    expect(view.callback_id).toBe(VUE_DEROGATION);
    const choix = view.blocks.find((b: any) => b.block_id === 'destination').element.options;
    expect(choix[0].text.text).toMatch(/approbation requise$/);
    expect(JSON.stringify(view.blocks)).toContain(
      "Pour toute destination, approbation d'un responsable requise : La politique du bailleur soumet toute dérogation à approbation",
    );
    // The motifs in French words, their codes as values.
    const motifs = view.blocks.find((b: any) => b.block_id === 'motif').element.options;
    expect(motifs.map((o: any) => [o.value, o.text.text])).toContainEqual(['MIXITE_SOCIALE', 'Mixité sociale']);

    const soumis = await envoyerDerogation('UCHARGE', view);
    expect(soumis.status).toBe(200);
    const demande = await t.slack.waitFor('demande dans le fil', () =>
      t.slack.calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.thread_ts === ts &&
          c.args.text?.startsWith('Dérogation à approuver'),
      ),
    );
    expect(demande.args.channel).toBe(CANAL);
    const enAttente = await t.slack.waitFor('suggestion en attente', () =>
      t.slack.of('chat.update').find((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes('en attente d')),
    );
    expect((enAttente.args.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    const [{ ts: tsDemande, id }] = await t.db.dataSource.query(
      `SELECT ts, ref->>'overrideRequestId' AS id FROM slack_message WHERE kind = 'DEROGATION' AND liberation_id = $1`,
      [liberationId],
    );

    const apres = t.slack.calls.length;
    expect((await clic('UMANAGER', ACTION_APPROUVER_DEROGATION, id, demande, tsDemande)).status).toBe(200);
    const issue = await majDe(tsDemande, apres);
    expect(issue.args.text).toBe(`Dérogation approuvée par ${manager.nom}`);
    await t.slack.waitFor('réponse dans le fil', () =>
      t.slack.calls
        .slice(apres)
        .find(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.args.thread_ts === ts &&
            c.args.text === `Dérogation approuvée par ${manager.nom} (depuis Slack)`,
        ),
    );
    const finale = await t.slack.waitFor('suggestion décidée', () =>
      t.slack.calls
        .slice(apres)
        .find(
          (c) =>
            c.method === 'chat.update' &&
            c.args.ts === ts &&
            JSON.stringify(c.args.blocks).includes('(dérogation : Urgence)'),
        ),
    );
    expect(JSON.stringify(finale.args.blocks)).toContain(`par ${manager.nom}`);
    expect(await decisions(liberationId)).toEqual([{ decidedBy: manager.userId, isOverride: true }]);
  });

  it('the HTTP receiver refuses bad signatures and old requests, and ignores a replay', async () => {
    const { liberationId } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const body = blockActionBody({
      slackUserId: 'UCHARGE',
      actionId: ACTION_ACCEPTER,
      value: boutons(post)[0].value,
      channel: CANAL,
      message: { ts, blocks: post.args.blocks },
    });
    expect((await posterSigne(t, body, { secret: 'pas-le-bon-secret' })).status).toBe(401);
    expect((await posterSigne(t, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect(await decisions(liberationId)).toEqual([]);
    const signe = (await import('./fake-slack')).slackSignature('secret-de-signature-slack-de-test', body);
    expect((await posterSigne(t, body, { headers: signe })).status).toBe(200);
    await majDe(ts);
    const avant = t.slack.calls.length;
    expect((await posterSigne(t, body, { headers: signe })).status).toBe(200);
    // The same click signed anew, after the replay: handled (the flat is decided: refused privately);
    // once its answer is in, the replay's would be too.
    const autreSeconde = Number(signe['x-slack-request-timestamp']) - 1;
    expect((await posterSigne(t, body, { timestamp: autreSeconde })).status).toBe(200);
    await t.slack.waitFor('éphémère de la requête signée à nouveau', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral'),
    );
    const ephemeres = t.slack.calls.slice(avant).filter((c) => c.method === 'chat.postEphemeral');
    expect(ephemeres.map((c) => c.args.text)).toEqual([
      expect.stringMatching(/^Action refusée : Logement déjà orienté/),
    ]);
    expect(await decisions(liberationId)).toHaveLength(1);
  });
});
