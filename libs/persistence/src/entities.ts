import { BailEntity } from './attribution/bail.entity';
import { CalDecisionEntity } from './attribution/cal-decision.entity';
import { CandidatEntity } from './attribution/candidat.entity';
import { PropositionEntity } from './attribution/proposition.entity';
import { BailleurEntity } from './bailleur/bailleur.entity';
import { ActualisationEntity } from './bilan/actualisation.entity';
import { BilanGenerationEntity } from './bilan/bilan-generation.entity';
import { BilanSnapshotEntity } from './bilan/bilan-snapshot.entity';
import { ConventionEntity } from './convention/convention.entity';
import { ConventionVersionEntity } from './convention/convention-version.entity';
import { EventLogEntity } from './event-log/event-log.entity';
import { ExerciceObjectifEntity } from './exercice/exercice-objectif.entity';
import { ExerciceEntity } from './exercice/exercice.entity';
import { CommuneEntity } from './geo/commune.entity';
import { DepartementEntity } from './geo/departement.entity';
import { EpciEntity } from './geo/epci.entity';
import { QpvEntity } from './geo/qpv.entity';
import { LiberationEntity } from './liberation/liberation.entity';
import { LogementEntity } from './logement/logement.entity';
import { ExclusionUseEntity } from './orientation/exclusion-use.entity';
import { OrientationDecisionEntity } from './orientation/orientation-decision.entity';
import { OverrideRequestEntity } from './orientation/override-request.entity';
import { OverrideStepEntity } from './orientation/override-step.entity';
import { PolitiqueDerogationEntity } from './orientation/politique-derogation.entity';
import { RecommendationEntity } from './orientation/recommendation.entity';
import { OutboxEntity } from './outbox/outbox.entity';
import { ProfilDemandeLigneEntity } from './profil-demande/profil-demande-ligne.entity';
import { ProfilDemandeEntity } from './profil-demande/profil-demande.entity';
import { ProgrammeEntity } from './programme/programme.entity';
import { SeuilQuartileEntity } from './quartile/seuil-quartile.entity';
import { ReservataireEntity } from './reservataire/reservataire.entity';
import {
  SlackCanalEntity,
  SlackCurseurEntity,
  SlackLivraisonEntity,
  SlackMessageEntity,
  SlackOrigineEntity,
} from './slack/slack.entities';
import { AppUserEntity } from './user/app-user.entity';
import { UserBailleurEntity } from './user/user-bailleur.entity';

/** Every entity, listed explicitly (no globs: they break under ts-node and jest). */
export const ENTITIES = [
  BailleurEntity,
  AppUserEntity,
  UserBailleurEntity,
  EpciEntity,
  CommuneEntity,
  DepartementEntity,
  QpvEntity,
  ProgrammeEntity,
  LogementEntity,
  ReservataireEntity,
  ConventionEntity,
  ConventionVersionEntity,
  ExerciceEntity,
  ExerciceObjectifEntity,
  ProfilDemandeEntity,
  ProfilDemandeLigneEntity,
  LiberationEntity,
  RecommendationEntity,
  OrientationDecisionEntity,
  OverrideRequestEntity,
  OverrideStepEntity,
  PolitiqueDerogationEntity,
  ExclusionUseEntity,
  PropositionEntity,
  CandidatEntity,
  CalDecisionEntity,
  BailEntity,
  OutboxEntity,
  EventLogEntity,
  SlackCanalEntity,
  SlackMessageEntity,
  SlackLivraisonEntity,
  SlackCurseurEntity,
  SlackOrigineEntity,
  BilanSnapshotEntity,
  BilanGenerationEntity,
  ActualisationEntity,
  SeuilQuartileEntity,
];
