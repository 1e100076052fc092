/**
 * The letter of the forecast excluded flats for the new year (due before 28 February): the flats
 * the bailleur plans to take out of the flux (mutations, NPNRU/ORCOD/LHI rehousing) and the
 * previous year's rehousing results, for the réservataires.
 */
import { dateFr, departementFr, jourParis } from '@aiguillage/engine';
import PDFDocument from 'pdfkit';
import type { Bilan, PropositionActualisation } from '../compute';
import { texteWinAnsi } from './pdf';

export async function lettreExclusions(bilan: Bilan, p: PropositionActualisation, date: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: texteWinAnsi(`Prévision des logements exclus du flux ${p.annee}`),
      Author: texteWinAnsi(bilan.bailleur.nom),
      CreationDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const t = (s: string) => texteWinAnsi(s);
  doc.font('Helvetica-Bold').fontSize(11).text(t(bilan.bailleur.nom));
  doc
    .font('Helvetica')
    .text(t(`Département : ${departementFr(bilan.departement, bilan.departementNom)}`))
    .moveDown();
  doc.text(t('À l’attention des réservataires de logements sociaux'), { align: 'right' }).moveDown();
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(t(`Objet : prévision ${p.annee} des logements exclus du flux et bilan ${bilan.annee} des relogements`))
    .moveDown();
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      t(
        `Madame, Monsieur,\n\nEn application de l’article R.441-5-1 du code de la construction et de l’habitation, nous vous informons des logements ` +
          `que nous prévoyons de mobiliser en ${p.annee} hors du flux réservé, pour les mutations internes de nos locataires et pour les relogements ` +
          `liés au renouvellement urbain (NPNRU), aux copropriétés dégradées (ORCOD) et à la lutte contre l’habitat indigne (LHI), ` +
          `ainsi que les résultats de l’année ${bilan.annee}.`,
      ),
      { align: 'justify' },
    );
  doc.moveDown();
  const lignes: Array<[string, number | null, number, number]> = [
    [
      'Mutations internes',
      bilan.exclusions.find((x) => x.usage === 'MUTATION')?.prevu ?? null,
      bilan.exclusions.find((x) => x.usage === 'MUTATION')?.realise ?? 0,
      p.assiette.mutations.valeur,
    ],
    [
      'Relogements NPNRU',
      bilan.exclusions.find((x) => x.usage === 'NPNRU')?.prevu ?? null,
      bilan.exclusions.find((x) => x.usage === 'NPNRU')?.realise ?? 0,
      p.assiette.relogements.npnru.valeur,
    ],
    [
      'Relogements ORCOD',
      bilan.exclusions.find((x) => x.usage === 'ORCOD')?.prevu ?? null,
      bilan.exclusions.find((x) => x.usage === 'ORCOD')?.realise ?? 0,
      p.assiette.relogements.orcod.valeur,
    ],
    [
      'Relogements LHI',
      bilan.exclusions.find((x) => x.usage === 'LHI')?.prevu ?? null,
      bilan.exclusions.find((x) => x.usage === 'LHI')?.realise ?? 0,
      p.assiette.relogements.lhi.valeur,
    ],
  ];
  const x = [56, 250, 350, 450];
  const entete = ['Usage', `Prévu ${bilan.annee}`, `Réalisé ${bilan.annee}`, `Prévu ${p.annee}`];
  const ligne = (cells: string[], gras = false) => {
    const y = doc.y;
    doc.font(gras ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    cells.forEach((c, i) => doc.text(t(c), x[i], y, { width: i === 0 ? 190 : 90, align: i === 0 ? 'left' : 'right' }));
    doc
      .moveTo(56, doc.y + 2)
      .lineTo(540, doc.y + 2)
      .lineWidth(0.3)
      .stroke();
    doc.x = 56;
    doc.y += 5;
  };
  ligne(entete, true);
  for (const [libelle, prevu, realise, nouveau] of lignes)
    ligne([libelle, prevu === null ? '—' : String(prevu), String(realise), String(nouveau)]);
  const total = (i: 1 | 2 | 3) => lignes.reduce((s, l) => s + (l[i] ?? 0), 0);
  ligne(['Total', String(total(1)), String(total(2)), String(total(3))], true);
  doc
    .moveDown()
    .font('Helvetica')
    .fontSize(11)
    .text(
      t(
        `Sur cette base, le flux prévisionnel à répartir en ${p.annee} est de ${p.fluxARepartir.valeur} logements ` +
          `(${p.fluxARepartir.explication}) Chaque objectif de convention en découle ; le détail vous est communiqué avec votre bilan ${bilan.annee}.`,
      ),
      { align: 'justify' },
    );
  doc.moveDown().text(t('Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.'));
  doc
    .moveDown(0.5)
    .fontSize(9)
    .fillColor('#555555')
    .text(t(`Établi le ${dateFr(jourParis(date))}.`));
  doc.end();
  return done;
}
