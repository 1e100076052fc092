/** The strategies behind one interface, picked by name. */
import type { Strategy } from '@aiguillage/engine';
import { engineStrategy } from '@aiguillage/engine';
import type { Scenario } from '../scenario';
import { GreedyStrategy } from './greedy';
import { OptimumStrategy, solveOptimum } from './optimum';
import { RotationStrategy } from './rotation';
import { StockStrategy } from './stock';
import { DualMirrorDescentStrategy, LargestDeficitStrategy, SainteLagueStrategy } from './textbook';

export const STRATEGY_NAMES = [
  'engine',
  'rotation',
  'greedy',
  'stock',
  'sainte-lague',
  'largest-deficit',
  'dual-mirror-descent',
  'optimum',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

/**
 * A fresh strategy for one simulated year (baselines keep their own turn state). The optimum
 * solves its MIP on the scenario first, hence the promise.
 */
export async function createStrategy(name: StrategyName, scenario: Scenario): Promise<Strategy> {
  switch (name) {
    case 'engine':
      return engineStrategy();
    case 'rotation':
      return new RotationStrategy();
    case 'greedy':
      return new GreedyStrategy();
    case 'stock':
      return new StockStrategy();
    case 'sainte-lague':
      return new SainteLagueStrategy();
    case 'largest-deficit':
      return new LargestDeficitStrategy();
    case 'dual-mirror-descent':
      return new DualMirrorDescentStrategy();
    case 'optimum':
      return new OptimumStrategy(await solveOptimum(scenario));
    default:
      throw new Error(`Stratégie inconnue « ${name as string} » : attendu l'une de ${STRATEGY_NAMES.join(', ')}`);
  }
}

export {
  DualMirrorDescentStrategy,
  GreedyStrategy,
  LargestDeficitStrategy,
  OptimumStrategy,
  RotationStrategy,
  SainteLagueStrategy,
  StockStrategy,
  solveOptimum,
};
