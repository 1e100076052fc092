import type { Type } from '@nestjs/common';
import { BailleursController } from './bailleurs/bailleurs.controller';
import { ActualisationController } from './bilan/actualisation.controller';
import { BilanController } from './bilan/bilan.controller';
import { BilanModule } from './bilan/bilan.module';
import { CalculsModule } from './calculs/calculs.module';
import { ConventionsController, ReservatairesController } from './conventions/conventions.controller';
import { ExercicesController } from './exercices/exercices.controller';
import { ImportsController } from './imports/imports.controller';
import { LiberationsController } from './liberations/liberations.controller';
import { PatrimoineController } from './patrimoine/patrimoine.controller';
import { ProfilsDemandeController } from './profils-demande/profils-demande.controller';
import { QuartilesController } from './quartiles/quartiles.controller';

/** The REST resources (one controller per aggregate) and the feature modules the API mounts. */
export const RESOURCE_CONTROLLERS: Type[] = [
  BailleursController,
  PatrimoineController,
  ReservatairesController,
  ConventionsController,
  ExercicesController,
  ProfilsDemandeController,
  QuartilesController,
  LiberationsController,
  ImportsController,
  BilanController,
  ActualisationController,
];
export const RESOURCE_MODULES: Type[] = [CalculsModule, BilanModule];
