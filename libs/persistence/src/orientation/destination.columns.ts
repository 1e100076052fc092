export const DESTINATION_KINDS = ['CONVENTION', 'EXCLU', 'BAILLEUR'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Check that the flattened destination columns (kind, convention_id, sous_quota, usage) describe one `Destination`. */
export const DESTINATION_CHECK =
  `("destination_kind" = 'CONVENTION' AND "convention_id" IS NOT NULL AND "usage" IS NULL)` +
  ` OR ("destination_kind" = 'EXCLU' AND "usage" IS NOT NULL AND "convention_id" IS NULL AND "sous_quota" IS NULL)` +
  ` OR ("destination_kind" = 'BAILLEUR' AND "usage" IS NULL AND "convention_id" IS NULL AND "sous_quota" IS NULL)`;
