import type { LogementLu } from './console.types';

export function decrireLogement(l: Omit<LogementLu, 'description'>): string {
  const etage =
    l.etage === null ? null : l.etage === 0 ? 'rez-de-chaussée' : `${l.etage}${l.etage === 1 ? 'er' : 'e'} étage`;
  const ascenseur =
    l.ascenseur === null || l.etage === null || l.etage === 0
      ? null
      : l.ascenseur
        ? 'avec ascenseur'
        : 'sans ascenseur';
  const parts = [
    `${l.typologie} ${l.financement}`,
    [etage, ascenseur].filter(Boolean).join(' ') || null,
    l.pmr ? 'accessible PMR' : null,
    l.qpv ? 'en QPV' : 'hors QPV',
    l.adresse,
    l.communeNom ?? l.commune,
  ];
  return parts.filter(Boolean).join(', ');
}
