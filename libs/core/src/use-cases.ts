import type { Type } from '@nestjs/common';
import { ActualisationService } from './bilan/actualisation.service';
import { BilanInputLoader } from './bilan/bilan-input.loader';
import { BilanService } from './bilan/bilan.service';
import { BailleursService } from './bailleurs/bailleurs.service';
import { ConventionsService } from './conventions/conventions.service';
import { DemoBootstrapService } from './demo/demo-bootstrap.service';
import { ExercicesService } from './exercices/exercices.service';
import { ImportsService } from './imports/imports.service';
import { LiberationsService } from './liberations/liberations.service';
import { PatrimoineService } from './patrimoine/patrimoine.service';
import { ProfilsDemandeService } from './profils-demande/profils-demande.service';
import { QuartilesService } from './quartiles/quartiles.service';
import { SlackCanauxService } from './slack/slack-canaux.service';
import { SlackComptesService } from './slack/slack-comptes.service';

/** The use cases every adapter (HTTP, queue, websocket, Slack) calls, provided by the CoreModule. */
export const USE_CASES: Type[] = [
  BailleursService,
  ActualisationService,
  BilanInputLoader,
  BilanService,
  ConventionsService,
  DemoBootstrapService,
  ExercicesService,
  ImportsService,
  LiberationsService,
  PatrimoineService,
  ProfilsDemandeService,
  QuartilesService,
  SlackCanauxService,
  SlackComptesService,
];
