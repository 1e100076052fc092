import type { UsageExclu } from '@aiguillage/engine/domain';
import type { Destination } from '@aiguillage/engine/orientation';

export const DESTINATION_KINDS = ['CONVENTION', 'EXCLU', 'BAILLEUR'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Check that the flattened destination columns (kind, convention_id, sous_quota, usage) describe one `Destination`. */
export const DESTINATION_CHECK =
  `("destination_kind" = 'CONVENTION' AND "convention_id" IS NOT NULL AND "usage" IS NULL)` +
  ` OR ("destination_kind" = 'EXCLU' AND "usage" IS NOT NULL AND "convention_id" IS NULL AND "sous_quota" IS NULL)` +
  ` OR ("destination_kind" = 'BAILLEUR' AND "usage" IS NULL AND "convention_id" IS NULL AND "sous_quota" IS NULL)`;

/**
 * A `Destination` as the four columns that store it (orientation_decision, override_request): the one
 * place where the destination <-> columns mapping is written.
 */
export interface DestinationColumns {
  kind: DestinationKind;
  conventionId: string | null;
  sousQuota: string | null;
  usage: UsageExclu | null;
}

export function destinationColumns(d: Destination): DestinationColumns {
  return {
    kind: d.kind,
    conventionId: d.kind === 'CONVENTION' ? d.conventionId : null,
    sousQuota: d.kind === 'CONVENTION' ? (d.sousQuota ?? null) : null,
    usage: d.kind === 'EXCLU' ? d.usage : null,
  };
}

export function destinationFromColumns(r: DestinationColumns): Destination {
  if (r.kind === 'CONVENTION')
    return { kind: 'CONVENTION', conventionId: r.conventionId!, ...(r.sousQuota ? { sousQuota: r.sousQuota } : {}) };
  if (r.kind === 'EXCLU') return { kind: 'EXCLU', usage: r.usage! };
  return { kind: 'BAILLEUR' };
}

/** A row read with `destinationSelect`: its four destination columns replaced by the `Destination` they store. */
export function avecDestination<R extends DestinationColumns>({
  kind,
  conventionId,
  sousQuota,
  usage,
  ...reste
}: R): Omit<R, keyof DestinationColumns> & { destination: Destination } {
  return { ...reste, destination: destinationFromColumns({ kind, conventionId, sousQuota, usage }) };
}

/** The SELECT list reading the destination columns of the table aliased `alias` as `DestinationColumns`. */
export function destinationSelect(alias: string): string {
  return `${alias}.destination_kind AS kind, ${alias}.convention_id AS "conventionId", ${alias}.sous_quota AS "sousQuota", ${alias}.usage`;
}
