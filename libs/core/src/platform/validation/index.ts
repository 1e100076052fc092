export * from './creer-commande';
export * from './decorateurs';
export * from './french-messages';
