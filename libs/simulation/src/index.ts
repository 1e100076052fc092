/** The year simulator (import as `@aiguillage/simulation`). */
export * from './scenario';
export { SCENARIO_SCHEMA } from './scenario.schema';
export { validateSchema, type SchemaError } from './json-schema';
export { loadScenario, parseScenario, ScenarioError } from './loader';
export { scenarioFromDepartement, type DepartementData, type ExportOptions } from './demo-export';
export { simulate, type SimulationResult, type Violation, type FlatRecord } from './simulator';
export type { Metrics, ConventionOutcome } from './metrics';
export { resolveFlat, type FlatTimeline, type FlatEvent } from './behaviour';
export { STRATEGY_NAMES, createStrategy, isStrategyName, type StrategyName } from './strategies';
export { solveOptimum, OptimumStrategy, type OptimumPlan } from './strategies/optimum';
export { RotationStrategy, weightedCycle } from './strategies/rotation';
export { GreedyStrategy } from './strategies/greedy';
export { StockStrategy } from './strategies/stock';
export { DualMirrorDescentStrategy, LargestDeficitStrategy, SainteLagueStrategy } from './strategies/textbook';
export { objectifsLegaux, CIBLES_LEGALES, type ObjectifsLegaux, type PartReservataire } from './objectifs-legaux';
export { avecErreurDePrevision, ECARTS_PREVISION } from './erreur-prevision';
export {
  bornePrefixe,
  ecartAttenduEstimation,
  ecartEstimationAnnee,
  type BornePrefixe,
  type BorneConvention,
  type EcartEstimation,
} from './borne-prefixe';
