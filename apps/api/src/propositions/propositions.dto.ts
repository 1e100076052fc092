import { PROPOSITION_STATUSES, type PropositionStatus } from '@aiguillage/persistence';
import { OptionalEnum, OptionalUuid } from '@aiguillage/core';
import { ListeFluxQueryDto } from '../common/dto';
import { booleen, entier, instant, jour, liste, objet, texte, uuid } from '../common/openapi';

export class PropositionsQueryDto extends ListeFluxQueryDto {
  @OptionalEnum(PROPOSITION_STATUSES, { description: 'Statut de la proposition' })
  status?: PropositionStatus;

  @OptionalUuid({ format: 'uuid', description: "Restreint aux propositions d'une convention" })
  conventionId?: string;
}

// Answers (OpenAPI schemas of the use cases' views)

const statut = { type: 'string' as const, enum: [...PROPOSITION_STATUSES] };

export const PROPOSITION_SCHEMA = objet('Une proposition : son statut, ses candidats, son délai', {
  id: uuid,
  status: statut,
  conventionId: uuid,
  logementId: uuid,
  delaiExpireAt: instant,
  candidats: liste(
    objet('Un candidat', {
      id: uuid,
      numeroSne: texte,
      rang: entier,
      tailleMenage: entier,
      quartile: entier,
      prioritaire: booleen,
      rangConseille: {
        type: 'integer',
        minimum: 1,
        description:
          "Rang conseillé à la CAL par le moteur (1 = d'abord) : l'ordre du réservataire, sauf si un objectif légal de la convention (25 % de ménages prioritaires, quartiles) demande un autre candidat. Présent pour le personnel du bailleur seulement, tant que la proposition attend la CAL (CANDIDATS_RECUS), hors première location hors flux, pour les candidats encore en lice ; absent sinon (réservataire, autres statuts, candidat refusé par la CAL ou ayant refusé le logement)",
      },
      motifsConseil: {
        ...liste(texte),
        description:
          'Pourquoi le candidat passe devant l’ordre du réservataire (en français, nommant le réservataire et la convention) ; vide quand cet ordre est gardé. Présent avec rangConseille',
      },
    }),
  ),
  joursVacance: { type: 'integer', nullable: true, description: 'Jours de vacance, de la libération au bail signé' },
  horsFlux: booleen,
});

export const PROPOSITION_RESUME_SCHEMA = objet('Une proposition dans la liste, avec les noms', {
  id: uuid,
  status: statut,
  conventionId: uuid,
  conventionReference: texte,
  reservataireNom: texte,
  bailleurNom: texte,
  sousQuota: texte,
  sousQuotaNom: texte,
  logementId: uuid,
  rplsId: texte,
  commune: texte,
  communeNom: texte,
  adresse: texte,
  typologie: texte,
  financement: texte,
  qpv: booleen,
  liberationId: uuid,
  dateLiberation: jour,
  sentAt: instant,
  delaiExpireAt: instant,
});
