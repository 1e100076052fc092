import { Logger } from '@nestjs/common';
import { OverrideRequestRepository, type Db } from '@aiguillage/persistence';
import type { DerogationAApprouver } from './derogation-message';

const logger = new Logger('Derogations');

/** What a derogation message shows, and its current status (PENDING, APPROVED, REJECTED). */
export type DerogationLue = DerogationAApprouver & { status: string | null };

/**
 * The request with everything the message shows, in one query; null when gone, or (`pendingOnly`)
 * no longer pending.
 */
export async function lireDerogation(
  db: Db,
  overrideRequestId: string,
  pendingOnly = true,
): Promise<DerogationLue | null> {
  const r = await new OverrideRequestRepository(db).readForMessage(overrideRequestId);
  if (!r) {
    logger.warn(`Demande de dérogation introuvable, rien publié dans Slack : ${overrideRequestId}`);
    return null;
  }
  if (pendingOnly && r.status !== 'PENDING') {
    logger.log(`Demande de dérogation ${overrideRequestId} déjà traitée (${r.status}) : rien publié dans Slack`);
    return null;
  }
  const reco = r.recommandee;
  return {
    overrideRequestId: r.id,
    bailleurNom: r.bailleurNom,
    logement: { commune: r.commune, communeNom: r.communeNom, typologie: r.typologie, qpv: r.qpv, rplsId: r.rplsId },
    dateLiberation: r.date,
    recommandee: reco
      ? {
          kind: reco.kind,
          conventionReference: r.recoReference,
          reservataireNom: r.recoReservataireNom,
          sousQuota: r.recoSousQuota,
          usage: reco.usage ?? null,
        }
      : null,
    demandee: {
      kind: r.kind,
      conventionReference: r.conventionReference,
      reservataireNom: r.reservataireNom,
      sousQuota: r.sousQuota,
      usage: r.usage,
    },
    motif: r.reason,
    commentaire: r.comment,
    demandeur: r.demandeur ?? 'compte supprimé',
    motifsApprobation: r.motifsApprobation ?? [],
    status: r.status,
  };
}
