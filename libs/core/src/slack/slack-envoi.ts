import type { webApi } from '@slack/bolt';
import { SlackMessageRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { lireDerogation } from '../notifications/derogation-lecture';
import {
  blocsDerogation,
  blocsTraites,
  texteDerogation,
  texteIssue,
  type SlackBlock,
} from '../notifications/derogation-message';
import type { SlackMessageKind } from './slack-file';
import { suggestionPostee } from './slack-file';
import { blocsSuggestion, texteSuggestion } from './suggestion-message';
import { lireSuggestion } from './suggestion-view';
import { vueAccueil } from './accueil';

/** A queued message as the sender reads it. */
export interface LigneMessage {
  id: string;
  cle: string;
  canal: string;
  kind: SlackMessageKind;
  liberationId: string | null;
  ref: RefMessage;
  attempts: number;
  createdAt: Date;
}

/** What a queued message refers to (its `ref` column): the fields its kind uses. */
export interface RefMessage {
  overrideRequestId?: string;
  status?: string;
  par?: string;
  depuis?: string;
  text?: string;
  blocks?: SlackBlock[];
}

/** Every message the bot posts carries its queue key (message metadata), to be found again. */
const METADATA = 'aiguillage_message';

/**
 * After a failed attempt that Slack may have carried out anyway (timeout, 5xx), looks for the message
 * before posting again: the channel's history (or the thread's replies) since it was queued, by the
 * key in its metadata. Returns its ts when found. A history Slack refuses (scope missing) is logged by
 * the caller's retry and the post goes ahead.
 */
async function dejaPoste(client: webApi.WebClient, m: LigneMessage, fil: string | null): Promise<string | null> {
  if (m.attempts === 0) return null;
  const oldest = String(Math.floor(new Date(m.createdAt).getTime() / 1000) - 60);
  const res = fil
    ? await client.conversations.replies({ channel: m.canal, ts: fil, oldest, include_all_metadata: true, limit: 200 })
    : await client.conversations.history({ channel: m.canal, oldest, include_all_metadata: true, limit: 200 });
  const trouve = (res.messages ?? []).find(
    (x) => (x as { metadata?: { event_payload?: { cle?: string } } }).metadata?.event_payload?.cle === m.cle,
  );
  return trouve?.ts ?? null;
}

/** Posts once: finds a previous attempt that went through, else posts with the key in the metadata. */
async function poster(
  client: webApi.WebClient,
  m: LigneMessage,
  fil: string | null,
  args: Record<string, unknown>,
): Promise<string | null> {
  const deja = await dejaPoste(client, m, fil);
  if (deja) return deja;
  const res = await client.chat.postMessage({
    channel: m.canal,
    unfurl_links: false,
    ...(fil ? { thread_ts: fil } : {}),
    ...args,
    metadata: { event_type: METADATA, event_payload: { cle: m.cle } },
  } as never);
  return res.ts ?? null;
}

/**
 * One queued message → the Slack calls it takes, built from the database as it is now (a message
 * sent late says what is true when it is sent). Returns the ts to store, or null when there was
 * nothing to send (the libération gone, no suggestion to update, a request handled before its post).
 */
export async function envoyerMessage(
  db: DataSource,
  client: webApi.WebClient,
  m: LigneMessage,
): Promise<string | null> {
  switch (m.kind) {
    case 'SUGGESTION': {
      const vue = await lireSuggestion(db, m.liberationId!);
      if (!vue) return null;
      return poster(client, m, null, { text: texteSuggestion(vue), blocks: blocsSuggestion(vue) });
    }
    case 'DECISION': {
      const posted = await suggestionPostee(db, m.liberationId!);
      const vue = posted && (await lireSuggestion(db, m.liberationId!));
      if (!posted || !vue) return null;
      await client.chat.update({
        channel: posted.canal,
        ts: posted.ts,
        text: texteSuggestion(vue),
        blocks: blocsSuggestion(vue),
      });
      return posted.ts;
    }
    case 'DEROGATION': {
      const d = await lireDerogation(db, m.ref.overrideRequestId!, true);
      if (!d) return null;
      return poster(client, m, await filDe(db, m), { text: texteDerogation(d), blocks: blocsDerogation(d) });
    }
    case 'DEROGATION_ISSUE': {
      const demande = await new SlackMessageRepository(db).postedByCle(`derogation-${m.ref.overrideRequestId}`);
      const d = demande && (await lireDerogation(db, m.ref.overrideRequestId!, false));
      if (!demande || !d) return null;
      const issue = m.ref.status as 'APPROVED' | 'REJECTED';
      const texte = texteIssue(issue, m.ref.par ?? 'un responsable');
      await client.chat.update({
        channel: demande.canal,
        ts: demande.ts,
        text: texte,
        blocks: blocsTraites(blocsDerogation(d), issue, m.ref.par ?? 'un responsable', m.ref.depuis),
      });
      const fil = await filDe(db, m);
      if (fil) await client.chat.postMessage({ channel: m.canal, thread_ts: fil, text: `${texte} (${m.ref.depuis})` });
      return demande.ts;
    }
    case 'ACCUEIL': {
      // Only the latest state matters: an older refresh still queued behind a newer one is skipped.
      if (await new SlackMessageRepository(db).newerHomeRefreshQueued(m.canal, m.id)) return null;
      await client.views.publish({ user_id: m.canal, view: await vueAccueil(db, m.canal) });
      return 'home';
    }
    case 'DIGEST': {
      return poster(client, m, null, { text: m.ref.text, blocks: m.ref.blocks });
    }
  }
}

/** The suggestion's ts when it was posted in this message's channel (the thread to reply in). */
async function filDe(db: DataSource, m: LigneMessage): Promise<string | null> {
  if (!m.liberationId) return null;
  const posted = await suggestionPostee(db, m.liberationId);
  return posted && posted.canal === m.canal ? posted.ts : null;
}
