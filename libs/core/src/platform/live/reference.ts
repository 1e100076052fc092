import { notifyChannel } from '@aiguillage/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** Channel of the NOTIFY sent when reference data changes (payload: a bailleur id, or '*' for all). */
export const REFERENCE_CHANNEL = 'aiguillage_reference';

/**
 * Tells every process that reference data of these bailleurs changed — conventions, exercices,
 * demand profiles (null: every bailleur), flats — so that their live engine states are rebuilt on
 * next use (reference data read again, the journal of transitions replayed). Called with the
 * transaction's manager, the NOTIFY is delivered at its commit; with the DataSource, at once.
 */
export async function signalerReferenceModifiee(
  db: DataSource | EntityManager,
  bailleurIds: readonly string[] | null,
): Promise<void> {
  const ids = bailleurIds === null ? ['*'] : [...new Set(bailleurIds)];
  if (ids.length === 0) return;
  await notifyChannel(db, REFERENCE_CHANNEL, ids);
}
