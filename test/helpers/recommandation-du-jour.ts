import type { INestApplication } from '@nestjs/common';
import { EngineStateStore } from '@aiguillage/core/platform/live';
import type { DemoDepartement } from '@aiguillage/demo';
import { choix, DEFAULT_POLICY, keyOf, recommend } from '@aiguillage/engine';

/** The answer of `POST /api/liberations`: what these helpers read of it. */
export interface Declaree {
  liberation: { id: string; logementId: string; bailleurId: string; date: string };
  recommendation: { id: string; recommandee: Parameters<typeof keyOf>[0] };
}

/** The destination (its key) the engine recommends for the libération on today's state, nothing stored. */
export async function recommandeeDuJour(app: INestApplication, demo: DemoDepartement, d: Declaree): Promise<string> {
  const logement = demo.logements.find((l) => l.id === d.liberation.logementId)!;
  const cle = {
    bailleurId: logement.bailleurId,
    departement: logement.departement,
    annee: Number(d.liberation.date.slice(0, 4)),
  };
  const live = await app.get(EngineStateStore, { strict: false }).get(cle);
  return keyOf(choix(recommend(logement, live.state, DEFAULT_POLICY, d.liberation.date)));
}

/**
 * Flats declared two by two, one of them oriented each round (the progress moves), until one still
 * waiting meets `voulu` (the destination recommended today against the one its declaration got).
 */
export async function enAttenteTelle(
  monde: { app: INestApplication; demo: DemoDepartement },
  declarer: () => Promise<Declaree>,
  orienter: (liberationId: string) => Promise<unknown>,
  voulu: (aujourdhui: string, declaree: string) => boolean,
): Promise<Declaree> {
  const file: Declaree[] = [];
  for (let i = 0; i < 20; i++) {
    file.push(await declarer(), await declarer());
    await orienter(file.shift()!.liberation.id);
    for (const d of file)
      if (voulu(await recommandeeDuJour(monde.app, monde.demo, d), keyOf(d.recommendation.recommandee))) return d;
  }
  throw new Error('aucune libération en attente dans l’état voulu');
}
