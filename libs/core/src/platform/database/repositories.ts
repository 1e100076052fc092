import type { Provider } from '@nestjs/common';
import {
  BailleurRepository,
  ConventionRepository,
  ExerciceRepository,
  GeoRepository,
  LiberationRepository,
  LogementRepository,
  OrientationDecisionRepository,
  OverrideRequestRepository,
  ProfilDemandeRepository,
  PropositionRepository,
  ProgrammeRepository,
  ReservataireRepository,
  UserRepository,
} from '@aiguillage/persistence';
import { DataSource } from 'typeorm';

/** The persistence repositories (plain classes over the DataSource) as injectable providers. */
export const REPOSITORIES: Provider[] = [
  BailleurRepository,
  ConventionRepository,
  ExerciceRepository,
  GeoRepository,
  LiberationRepository,
  LogementRepository,
  OrientationDecisionRepository,
  OverrideRequestRepository,
  ProfilDemandeRepository,
  PropositionRepository,
  ProgrammeRepository,
  ReservataireRepository,
  UserRepository,
].map((repository) => ({ provide: repository, useFactory: (dataSource: DataSource) => new repository(dataSource), inject: [DataSource] }));
