import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import type { Destination } from '@aiguillage/engine';
import type { UserRole } from '@aiguillage/core';
import request from 'supertest';
import { auth, bootApp, LiveClient, type Account, type IsolatedDatabase, type TestApp } from '../helpers/app';

export { auth };

/**
 * The API on a database of the suite's own with a small generated département, and helpers to
 * declare freed flats and open override requests (the security suites share it).
 */
export class SecurityApp {
  t!: TestApp;
  db!: IsolatedDatabase;
  app!: INestApplication;
  url!: string;
  demo!: DemoDepartement;
  private dayCounter = 0;
  private readonly cursors = new Map<string, number>();
  private readonly clients: LiveClient[] = [];

  /** `env`: configuration variables on top of the test ones (CORS_ORIGINS, LOGIN_ESSAIS_COMPTE...). */
  static async start(env: Record<string, string> = {}): Promise<SecurityApp> {
    const s = new SecurityApp();
    s.t = await bootApp({ env });
    ({ app: s.app, url: s.url, database: s.db, demo: s.demo } = s.t);
    return s;
  }

  http() {
    return request(this.url);
  }

  account(role: UserRole, bailleurIds: string[], reservataireId: string | null = null): Promise<Account> {
    return this.t.account(role, bailleurIds, reservataireId);
  }

  async client(a: Account, lastEventId?: string): Promise<LiveClient> {
    const c = new LiveClient(this.url, a.token, lastEventId);
    this.clients.push(c);
    await c.connected();
    return c;
  }

  /** A fresh libération date in 2026 (flat × day never repeats within a suite). */
  nextDate(): string {
    return new Date(Date.UTC(2026, 1, 1) + this.dayCounter++ * 86_400_000).toISOString().slice(0, 10);
  }

  /** Declares flats of `bailleurId` until the recommendation satisfies `wanted`; returns the 201 body. */
  async declareUntil(
    charge: Account,
    bailleurId: string,
    wanted: (reco: Destination | null, body: any) => boolean,
  ): Promise<any> {
    const flats = logementsLiberables(this.demo, bailleurId);
    for (let i = 0; i < 60; i++) {
      const cursor = this.cursors.get(bailleurId) ?? 0;
      this.cursors.set(bailleurId, cursor + 1);
      const res = await this.http()
        .post('/api/liberations')
        .set(auth(charge))
        .send({ logementId: flats[cursor].id, date: this.nextDate(), motif: 'CONGE' });
      if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
      if (wanted(res.body.recommendation.recommandee, res.body)) return res.body;
    }
    throw new Error('aucune libération ne donne la recommandation voulue');
  }

  /** An override request waiting for a manager (the bailleur's policy set to « toujours »). */
  async pendingOverride(
    charge: Account,
    manager: Account,
    bailleurId: string,
  ): Promise<{ overrideRequestId: string; liberationId: string }> {
    await this.http()
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set(auth(manager))
      .send({ toujours: true, ecartCible: true, regleSouple: true })
      .expect(200);
    const body = await this.declareUntil(
      charge,
      bailleurId,
      (reco, b) => reco !== null && b.recommendation.options.filter((o: any) => o.eligible).length >= 2,
    );
    const reco = JSON.stringify(body.recommendation.recommandee);
    const alt = body.recommendation.options.find(
      (o: any) => o.eligible && JSON.stringify(o.destination) !== reco,
    ).destination;
    const res = await this.http()
      .post('/api/orientations')
      .set(auth(charge))
      .send({ liberationId: body.liberation.id, destination: alt, motif: 'URGENCE', commentaire: 'Sinistre' });
    if (res.status !== 202)
      throw new Error(`dérogation non mise en attente : ${res.status} ${JSON.stringify(res.body)}`);
    return { overrideRequestId: res.body.overrideRequestId, liberationId: body.liberation.id };
  }

  async close(): Promise<void> {
    this.clients.forEach((c) => c.close());
    await this.t?.close();
  }
}
