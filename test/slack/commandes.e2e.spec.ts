/**
 * `/aiguillage` (statut, retards, logement, delais, aide) and the App Home, through the real Bolt
 * HTTP receiver with signed requests: private answers (to the command's response_url), in French,
 * scoped to the caller's role and bailleurs; an unlinked user is told how to link.
 */
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import type { Account } from '../helpers/app';
import {
  commandBody,
  eventBody,
  Liberations,
  posterSigne,
  slackAccount,
  startSlackTestApp,
  type SlackTestApp,
} from './slack-app';

jest.setTimeout(90_000);

describe('/aiguillage et App Home', () => {
  let t: SlackTestApp;
  let bailleurA: { id: string; nom: string };
  let bailleurB: { id: string; nom: string };
  let charge: Account;
  let n = 0;

  /** Sends the command signed; returns the private answer posted to its response_url. */
  async function commande(
    slackUserId: string,
    text: string,
  ): Promise<{ text: string; blocks?: any[]; response_type: string }> {
    const i = ++n;
    const res = await posterSigne(t, commandBody(t, slackUserId, text, i));
    expect(res.status).toBe(200);
    const call = await t.slack.waitFor(`réponse à /aiguillage ${text}`, () =>
      t.slack.calls.find((c) => c.method === `reponse/${i}`),
    );
    return call.args as never;
  }

  beforeAll(async () => {
    t = await startSlackTestApp();
    bailleurA = t.demo.bailleurs[0];
    bailleurB = t.demo.bailleurs[1];
    charge = await slackAccount(t, 'UCHARGE', 'CHARGE', [bailleurA.id]);
    await slackAccount(t, 'UMANAGER', 'MANAGER', [bailleurA.id]);
    const conventionB = t.demo.conventions.find((c) => c.bailleurId === bailleurB.id)!;
    await slackAccount(t, 'URESA', 'RESERVATAIRE', [bailleurB.id], conventionB.reservataireId);
    t.slack.users.set('UINCONNU', 'personne@ailleurs.test');
  });

  afterAll(() => t?.close());

  it('aide, and an unknown subcommand, answer privately in French', async () => {
    const aide = await commande('UINCONNU', 'aide');
    expect(aide.response_type).toBe('ephemeral');
    expect(aide.text).toContain('`/aiguillage logement <RPLS>`');
    const inconnue = await commande('UCHARGE', 'bonjour');
    expect(inconnue.text).toMatch(/^Sous-commande inconnue « bonjour »/);
  });

  it('statut: the caller’s conventions only (staff: its bailleur; réservataire: its own), with lag', async () => {
    const staff = await commande('UCHARGE', 'statut');
    expect(staff.text).toMatch(/^\*Statut au \d{2}\/\d{2}\/\d{4}\* : \d+ convention\(s\), dont \d+ en retard/);
    expect(staff.text).toContain(bailleurA.nom);
    expect(staff.text).not.toContain(bailleurB.nom);
    const resa = await commande('URESA', 'statut');
    const [{ nom }] = await t.db.dataSource.query(
      `SELECT r.nom FROM reservataire r JOIN app_user u ON u.reservataire_id = r.id WHERE u.slack_user_id = 'URESA'`,
    );
    const lignes = resa.text.split('\n').filter((l) => l.startsWith('• '));
    expect(lignes.length).toBeGreaterThan(0);
    for (const l of lignes) expect(l.startsWith(`• ${nom} (convention `)).toBe(true);
    const filtre = await commande('UCHARGE', `statut ${nom.slice(0, 6)}`);
    for (const l of filtre.text.split('\n').filter((x) => x.startsWith('• ')))
      expect(l.toLowerCase()).toContain(nom.slice(0, 6).toLowerCase());
    const rien = await commande('UCHARGE', 'statut zzzz-introuvable');
    expect(rien.text).toBe('Aucune convention de votre périmètre ne correspond à « zzzz-introuvable ».');
  });

  it('retards and delais', async () => {
    const retards = await commande('UMANAGER', 'retards');
    expect(retards.text).toMatch(
      /^(\*Conventions les plus en retard au \d{2}\/\d{2}\/\d{4}\*\n• .+retard de|Aucune convention en retard)/,
    );
    const [{ n: proches }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM proposition WHERE bailleur_id = $1 AND status = 'EN_ATTENTE' AND delai_expire_at >= now() AND delai_expire_at < now() + interval '7 days'`,
      [bailleurA.id],
    );
    const delais = await commande('UMANAGER', 'delais');
    if (proches === 0) expect(delais.text).toBe("Aucun délai n'expire dans les 7 jours dans votre périmètre.");
    else expect(delais.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(Math.min(10, proches));
  });

  it('logement <rpls>: the suggestion with its buttons while it waits, scoped to the bailleurs', async () => {
    const { liberationId } = await new Liberations(t).declarer(charge, bailleurA.id);
    const [{ rpls }] = await t.db.dataSource.query(
      `SELECT lg.rpls_id AS rpls FROM liberation l JOIN logement lg ON lg.id = l.logement_id WHERE l.id = $1`,
      [liberationId],
    );
    const reponse = await commande('UCHARGE', `logement ${rpls}`);
    expect(reponse.text).toContain(`(RPLS ${rpls}) : orienter vers`);
    expect(reponse.blocks!.find((b) => b.type === 'actions').elements.map((e: any) => e.text.text)).toEqual([
      'Accepter',
      'Déroger…',
    ]);
    const autre = logementsLiberables(t.demo, bailleurB.id)[0];
    expect((await commande('UCHARGE', `logement ${autre.rplsId}`)).text).toBe(
      `Aucun logement RPLS ${autre.rplsId} dans votre périmètre.`,
    );
    expect((await commande('URESA', `logement ${rpls}`)).text).toBe(
      'Commande refusée : Accès refusé : réservé aux rôles ADMIN, MANAGER, CHARGE',
    );
  });

  it('an unlinked user is told why, privately; nothing else happens', async () => {
    const r = await commande('UINCONNU', 'statut');
    expect(r.text).toBe(
      "Commande refusée : aucun compte Aiguillage actif pour l'adresse personne@ailleurs.test : demandez à un administrateur de vous associer",
    );
  });

  it('App Home: the manager’s pending items, published on opening and refreshed when they change', async () => {
    const avant = t.slack.calls.length;
    expect(
      (
        await posterSigne(
          t,
          eventBody(
            {
              type: 'app_home_opened',
              user: 'UMANAGER',
              channel: 'D0MANAGER',
              tab: 'home',
              event_ts: '1790000000.100',
            },
            1,
          ),
          { json: true },
        )
      ).status,
    ).toBe(200);
    const home = await t.slack.waitFor('views.publish', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'views.publish' && c.args.user_id === 'UMANAGER'),
    );
    const texte = JSON.stringify(home.args.view.blocks);
    expect(home.args.view.type).toBe('home');
    expect(texte).toContain('Dérogations à approuver (');
    expect(texte).toContain('Logements à orienter (');
    const apres = t.slack.calls.length;
    const { liberationId } = await new Liberations(t).declarer(charge, bailleurA.id);
    const [{ rpls }] = await t.db.dataSource.query(
      `SELECT lg.rpls_id AS rpls FROM liberation l JOIN logement lg ON lg.id = l.logement_id WHERE l.id = $1`,
      [liberationId],
    );
    const [{ n: attente }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM liberation l WHERE l.bailleur_id = $1 AND NOT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.liberation_id = l.id) AND EXISTS (SELECT 1 FROM recommendation r WHERE r.liberation_id = l.id)`,
      [bailleurA.id],
    );
    const maj = await t.slack.waitFor('views.publish rafraîchi', () =>
      t.slack.calls
        .slice(apres)
        .find(
          (c) =>
            c.method === 'views.publish' &&
            c.args.user_id === 'UMANAGER' &&
            (attente > 10 || JSON.stringify(c.args.view.blocks).includes(`RPLS ${rpls}`)),
        ),
    );
    expect(JSON.stringify(maj.args.view.blocks)).toContain(`Logements à orienter (${Math.min(attente, 10)}`);
    const inconnu = t.slack.calls.length;
    await posterSigne(
      t,
      eventBody(
        { type: 'app_home_opened', user: 'UINCONNU', channel: 'D0X', tab: 'home', event_ts: '1790000000.200' },
        2,
      ),
      { json: true },
    );
    const vue = await t.slack.waitFor('home non lié', () =>
      t.slack.calls.slice(inconnu).find((c) => c.method === 'views.publish' && c.args.user_id === 'UINCONNU'),
    );
    expect(JSON.stringify(vue.args.view.blocks)).toContain("n'est pas encore associé à un compte Aiguillage");
  });
});
