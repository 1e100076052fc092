// Rows read by OrientationFlowService's raw queries.
import type { UsageExclu } from '@aiguillage/engine';

/** The row read and locked by `undecidedSql`. */
export interface UndecidedRow {
  decisionId: string | null;
  decidedBy: string | null;
  decidedAt: Date | string | null;
  nom: string | null;
  email: string | null;
  pending: Array<{ id: string; requestedBy: string; nom: string | null }> | null;
}

/** An override request and its latest step, as `pendingRequest` reads it. */
export interface PendingRequestRow {
  id: string;
  liberationId: string;
  bailleurId: string;
  recommendationId: string | null;
  requestedBy: string;
  kind: string;
  conventionId: string | null;
  sousQuota: string | null;
  usage: UsageExclu | null;
  status: string;
}
