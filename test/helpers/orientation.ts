import type { OptionOrientation } from '@aiguillage/engine';
import request from 'supertest';
import { auth, type Account } from './seed';

/**
 * Declares a flat freed on `date` as the chargé; when the engine offers an eligible option to one of
 * `conventions`, orients the flat there for `motif`: the proposition's id, else null (the libération
 * stays declared, undecided).
 */
export async function proposerVers(
  url: string,
  charge: Account,
  declaration: { logementId: string; date: string },
  conventions: ReadonlySet<string>,
  motif: string,
): Promise<string | null> {
  const res = await request(url)
    .post('/api/liberations')
    .set(auth(charge))
    .send({ ...declaration, motif: 'CONGE' });
  if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
  const options: OptionOrientation[] = res.body.recommendation.options;
  const option = options.find(
    (o) => o.eligible && o.destination.kind === 'CONVENTION' && conventions.has(o.destination.conventionId),
  );
  if (!option) return null;
  const decided = await request(url)
    .post('/api/orientations')
    .set(auth(charge))
    .send({ liberationId: res.body.liberation.id, destination: option.destination, motif });
  if (decided.status !== 201) throw new Error(`orientation refusée ${decided.status} ${JSON.stringify(decided.body)}`);
  return decided.body.propositionId;
}
