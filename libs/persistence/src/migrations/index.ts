import { Initial1795344315762 } from './1795344315762-Initial';

/** Every migration, in order, listed explicitly (no globs: they break under ts-node and jest). */
export const MIGRATIONS = [Initial1795344315762];
