import { Initial1795344315762 } from './1795344315762-Initial';
import { PolitiqueDerogation1795400000000 } from './1795400000000-PolitiqueDerogation';
import { AuditIntegrity1795500000000 } from './1795500000000-AuditIntegrity';
import { DomaineFlux1795500000000 } from './1795500000000-DomaineFlux';
import { SlackBot1795946964565 } from './1795946964565-SlackBot';
import { Bilan1795947280637 } from './1795947280637-Bilan';
import { PurgeCandidats1795960000000 } from './1795960000000-PurgeCandidats';
import { ChiffresSaisis1795971100000 } from './1795971100000-ChiffresSaisis';
import { ConventionVersions1795971200000 } from './1795971200000-ConventionVersions';
import { ClotureExercice1795971300000 } from './1795971300000-ClotureExercice';
import { SeuilsQuartiles1796100000000 } from './1796100000000-SeuilsQuartiles';
import { SlackDeliaison1796200000000 } from './1796200000000-SlackDeliaison';
import { Departements1796300000000 } from './1796300000000-Departements';

/** Every migration, in order, listed explicitly (no globs: they break under ts-node and jest). */
export const MIGRATIONS = [
  Initial1795344315762,
  PolitiqueDerogation1795400000000,
  AuditIntegrity1795500000000,
  DomaineFlux1795500000000,
  SlackBot1795946964565,
  Bilan1795947280637,
  PurgeCandidats1795960000000,
  ChiffresSaisis1795971100000,
  ConventionVersions1795971200000,
  ClotureExercice1795971300000,
  SeuilsQuartiles1796100000000,
  SlackDeliaison1796200000000,
  Departements1796300000000,
];
