import { OVERRIDE_REASONS, OVERRIDE_STATUSES, type OverrideStatus } from '@aiguillage/persistence';
import { OptionalEnum } from '@aiguillage/core';
import { ListeFluxQueryDto } from '../common/dto';
import { DESTINATION_SCHEMA, booleen, instant, liste, objet, texte, uuid } from '../common/openapi';

export class OverridesQueryDto extends ListeFluxQueryDto {
  @OptionalEnum(OVERRIDE_STATUSES, { description: 'Statut courant de la demande (sa dernière étape)' })
  status?: OverrideStatus;
}

// Answers (OpenAPI schemas of the use cases' views)

export const DECISION_RESULT_SCHEMA = objet(
  'La décision (DECIDEE) ou la dérogation en attente d’un responsable (EN_ATTENTE_APPROBATION, avec ses motifs)',
  {
    status: { type: 'string', enum: ['DECIDEE', 'EN_ATTENTE_APPROBATION'] },
    liberationId: uuid,
    destination: DESTINATION_SCHEMA,
    isOverride: booleen,
    decisionId: uuid,
    overrideRequestId: uuid,
    propositionId: uuid,
    delaiExpireAt: instant,
    motifsApprobation: liste(texte),
  },
);

export const OVERRIDE_STEP_SCHEMA = objet('Une étape d’une demande de dérogation', {
  status: { type: 'string', enum: [...OVERRIDE_STATUSES] },
  actorId: uuid,
  comment: texte,
  createdAt: instant,
});

export const OVERRIDE_RESUME_SCHEMA = objet('Une demande de dérogation et son statut courant', {
  id: uuid,
  liberationId: uuid,
  logementId: uuid,
  destination: DESTINATION_SCHEMA,
  reason: { type: 'string', enum: [...OVERRIDE_REASONS] },
  comment: texte,
  requestedBy: uuid,
  requestedByNom: texte,
  createdAt: instant,
  status: { type: 'string', enum: [...OVERRIDE_STATUSES] },
});

export const POLITIQUE_SCHEMA = objet('Quand une dérogation attend l’approbation d’un responsable', {
  toujours: booleen,
  ecartCible: booleen,
  regleSouple: booleen,
});
