export * from './policy';
export * from './format';
export { recommend, choix, keyOf, compteProjete, SCORE_INELIGIBLE } from './recommend';
export { engineStrategy } from './strategy';
export { raisonSecond } from './explication';
export { typologieFit } from './indexes';
export { classerCandidats, type RangConseille } from './classement-cal';
