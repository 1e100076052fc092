import type { webApi } from '@slack/bolt';
import type { DataSource } from 'typeorm';
import { lireDerogation } from '../notifications/derogation-lecture';
import { blocsDerogation, blocsTraites, texteDerogation, texteIssue, type SlackBlock } from '../notifications/derogation-message';
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
  ref: Record<string, any>;
  attempts: number;
}

/**
 * One queued message → the Slack calls it takes, built from the database as it is now (a message
 * sent late says what is true when it is sent). Returns the ts to store, or null when there was
 * nothing to send (the libération gone, no suggestion to update, a request handled before its post).
 */
export async function envoyerMessage(db: DataSource, client: webApi.WebClient, m: LigneMessage): Promise<string | null> {
  switch (m.kind) {
    case 'SUGGESTION': {
      const vue = await lireSuggestion(db, m.liberationId!);
      if (!vue) return null;
      const res = await client.chat.postMessage({ channel: m.canal, text: texteSuggestion(vue), blocks: blocsSuggestion(vue) as never, unfurl_links: false });
      return res.ts ?? null;
    }
    case 'DECISION': {
      const posted = await suggestionPostee(db, m.liberationId!);
      const vue = posted && (await lireSuggestion(db, m.liberationId!));
      if (!posted || !vue) return null;
      await client.chat.update({ channel: posted.canal, ts: posted.ts, text: texteSuggestion(vue), blocks: blocsSuggestion(vue) as never });
      return posted.ts;
    }
    case 'DEROGATION': {
      const d = await lireDerogation(db, m.ref.overrideRequestId, true);
      if (!d) return null;
      const fil = await filDe(db, m);
      const res = await client.chat.postMessage({
        channel: m.canal, text: texteDerogation(d), blocks: blocsDerogation(d) as never, unfurl_links: false, ...(fil ? { thread_ts: fil } : {}),
      });
      return res.ts ?? null;
    }
    case 'DEROGATION_ISSUE': {
      const [demande] = await db.query(`SELECT canal, ts FROM slack_message WHERE cle = $1 AND ts IS NOT NULL`, [`derogation-${m.ref.overrideRequestId}`]);
      const d = demande && (await lireDerogation(db, m.ref.overrideRequestId, false));
      if (!demande || !d) return null;
      const issue = m.ref.status as 'APPROVED' | 'REJECTED';
      const texte = texteIssue(issue, m.ref.par ?? 'un responsable');
      await client.chat.update({ channel: demande.canal, ts: demande.ts, text: texte, blocks: blocsTraites(blocsDerogation(d), issue, m.ref.par ?? 'un responsable', m.ref.depuis) as never });
      const fil = await filDe(db, m);
      if (fil) await client.chat.postMessage({ channel: m.canal, thread_ts: fil, text: `${texte} (${m.ref.depuis})` });
      return demande.ts;
    }
    case 'ACCUEIL': {
      // Only the latest state matters: an older refresh still queued behind a newer one is skipped.
      const [plusRecent] = await db.query(`SELECT 1 FROM slack_message WHERE canal = $1 AND kind = 'ACCUEIL' AND sent_at IS NULL AND id > $2 LIMIT 1`, [m.canal, m.id]);
      if (plusRecent) return null;
      await client.views.publish({ user_id: m.canal, view: (await vueAccueil(db, m.canal)) as never });
      return 'home';
    }
    case 'DIGEST': {
      const res = await client.chat.postMessage({ channel: m.canal, text: m.ref.text, blocks: m.ref.blocks as SlackBlock[] as never, unfurl_links: false });
      return res.ts ?? null;
    }
  }
}

/** The suggestion's ts when it was posted in this message's channel (the thread to reply in). */
async function filDe(db: DataSource, m: LigneMessage): Promise<string | null> {
  if (!m.liberationId) return null;
  const posted = await suggestionPostee(db, m.liberationId);
  return posted && posted.canal === m.canal ? posted.ts : null;
}
