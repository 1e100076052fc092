import type { Provider } from '@nestjs/common';
import * as persistence from '@aiguillage/persistence';
import { DataSource } from 'typeorm';

/** The persistence repositories (plain classes over the DataSource) as injectable providers. */
export const REPOSITORIES: Provider[] = [
  persistence.BailleurRepository,
  persistence.ConventionRepository,
  persistence.ExerciceRepository,
  persistence.GeoRepository,
  persistence.LiberationRepository,
  persistence.LogementRepository,
  persistence.OrientationDecisionRepository,
  persistence.OverrideRequestRepository,
  persistence.ProfilDemandeRepository,
  persistence.PropositionRepository,
  persistence.ProgrammeRepository,
  persistence.ReservataireRepository,
  persistence.SlackCanalRepository,
  persistence.SlackMessageRepository,
  persistence.SlackRapportsRepository,
  persistence.UserRepository,
].map((repository) => ({
  provide: repository,
  useFactory: (dataSource: DataSource) => new repository(dataSource),
  inject: [DataSource],
}));
