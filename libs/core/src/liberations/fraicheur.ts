import type { EngineStateStore, LiveState } from '../platform/live/engine-state.store';

/** Whether a stored recommendation was computed on the exercice's current state, and what moved since. */
export interface FraicheurRecommandation {
  /** Computed on the current state: its `inputsVersion` is the live state's `exerciceId@version`. */
  aJour: boolean;
  /** Decisions (orientations) journaled on the exercice since it was computed; null when unknown. */
  decisionsDepuis: number | null;
  /**
   * Every change of the conventions' progress since (decisions, candidates received, attributions,
   * leases, refusals, expired délais); null when unknown (a version of another exercice).
   */
  changementsDepuis: number | null;
}

/** The version of the live state a recommendation computed now records (`inputsVersion`). */
export function versionCourante(live: Pick<LiveState, 'exerciceId' | 'version'>): string {
  return `${live.exerciceId}@${live.version}`;
}

/**
 * Compares the recommendation's `inputsVersion` with the live state: the same version is up to
 * date; an older version of the same exercice is stale, with the journaled transitions in between
 * counted exactly; a newer one (this process's state a few milliseconds behind another's) counts as
 * up to date.
 */
export async function fraicheurRecommandation(
  store: Pick<EngineStateStore, 'transitionsDepuis'>,
  live: LiveState,
  inputsVersion: string,
): Promise<FraicheurRecommandation> {
  if (inputsVersion === versionCourante(live)) return { aJour: true, decisionsDepuis: 0, changementsDepuis: 0 };
  const [exerciceId, version] = inputsVersion.split('@');
  if (exerciceId !== live.exerciceId || !/^\d+$/.test(version ?? ''))
    return { aJour: false, decisionsDepuis: null, changementsDepuis: null };
  if (BigInt(version) > BigInt(live.version)) return { aJour: true, decisionsDepuis: 0, changementsDepuis: 0 };
  const parSorte = await store.transitionsDepuis(live, version);
  const changementsDepuis = Object.values(parSorte).reduce((a, b) => a + b, 0);
  return { aJour: changementsDepuis === 0, decisionsDepuis: parSorte.orientation ?? 0, changementsDepuis };
}
