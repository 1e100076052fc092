import { SlackMessageRepository, type Db } from '@aiguillage/persistence';
import { OUTBOX_CHANNEL } from '../platform/live/flow.types';

/** Kinds of bot messages, in `slack_message.kind`. */
/** ACCUEIL: a refresh of a user's App Home (`canal` is then the Slack user id). */
export type SlackMessageKind = 'SUGGESTION' | 'DECISION' | 'DEROGATION' | 'DEROGATION_ISSUE' | 'DIGEST' | 'ACCUEIL';

export interface MessageAEnvoyer {
  cle: string;
  canal: string;
  kind: SlackMessageKind;
  bailleurId: string | null;
  liberationId: string | null;
  ref: Record<string, unknown>;
}

/** Queues a message (once per `cle`); true when queued now. */
export function mettreEnFile(db: Db, m: MessageAEnvoyer): Promise<boolean> {
  return new SlackMessageRepository(db).enqueue(m);
}

/**
 * Wakes the sender of each channel through the outbox (job `slack.canal`, relayed to the queue):
 * `tag` makes the job id of this wake (a queued id is never queued twice).
 */
export function reveillerCanaux(db: Db, canaux: Iterable<string>, tag: string): Promise<void> {
  return new SlackMessageRepository(db).wakeChannels([...new Set(canaux)], tag, OUTBOX_CHANNEL);
}

/** The suggestion message of a libération once posted: its channel and ts. */
export function suggestionPostee(db: Db, liberationId: string): Promise<{ canal: string; ts: string } | null> {
  return new SlackMessageRepository(db).postedSuggestion(liberationId);
}

/** Queues a refresh of the App Home of every linked staff account of the bailleur (`tag`: what changed). */
export function rafraichirAccueils(db: Db, bailleurId: string, tag: string): Promise<string[]> {
  return new SlackMessageRepository(db).queueHomeRefreshes(bailleurId, tag);
}
