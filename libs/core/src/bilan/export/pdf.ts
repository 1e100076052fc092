/**
 * The bilan of one réservataire as a PDF ready to send (pdfkit, standard Helvetica: French accents
 * through WinAnsi): a cover page with the bailleur's text, then each table of the bilan (totals in
 * bold, long tables continued on the next page). The flat-by-flat detail goes in the XLSX.
 */
import { dateFr, departementFr, jourParis } from '@aiguillage/engine';
import PDFDocument from 'pdfkit';
import type { Bilan, BilanInput } from '../compute';
import {
  conventionsDe,
  perimetreDe,
  tableaux,
  type Colonne,
  type Perimetre,
  type Tableau,
  type Valeur,
} from './tableaux';

const MARGE = 40;
const BLEU = '#1F4E79';

/** Characters outside WinAnsi that French formatting produces (narrow and non-breaking spaces, ≥). */
export function texteWinAnsi(s: string): string {
  return s
    .replace(/[\u202F\u00A0]/g, ' ')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/→/g, '->');
}

function formater(v: Valeur, c: Colonne): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return texteWinAnsi(v);
  switch (c.format) {
    case 'part':
      return texteWinAnsi(`${(v * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);
    case 'decimal':
      return texteWinAnsi(v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));
    default:
      return texteWinAnsi(v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));
  }
}

/** Columns kept in the PDF for the wide tables (the XLSX has them all). */
const COLONNES_PDF: Record<string, number[]> = { Objectifs: [0, 3, 4, 5, 6, 7, 8, 9, 10, 11] };

function tableau(doc: PDFKit.PDFDocument, t: Tableau): void {
  const garder = COLONNES_PDF[t.nom] ?? t.colonnes.map((_, i) => i);
  const colonnes = garder.map((i) => t.colonnes[i]);
  const largeurTotale = doc.page.width - 2 * MARGE;
  const poids = colonnes.map((c) => (c.format === 'texte' ? Math.min(c.largeur ?? 14, 36) : 11));
  const somme = poids.reduce((s, p) => s + p, 0);
  const largeurs = poids.map((p) => (p / somme) * largeurTotale);
  const ligne = (cells: string[], opts: { gras?: boolean; entete?: boolean }) => {
    doc.font(opts.gras || opts.entete ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const hauteur = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: largeurs[i] - 6 }))) + 6;
    if (doc.y + hauteur > doc.page.height - MARGE) doc.addPage();
    const y = doc.y;
    let x = MARGE;
    if (opts.entete) doc.rect(MARGE, y, largeurTotale, hauteur).fill(BLEU);
    cells.forEach((c, i) => {
      doc
        .fillColor(opts.entete ? 'white' : 'black')
        .text(c, x + 3, y + 3, { width: largeurs[i] - 6, align: colonnes[i].format === 'texte' ? 'left' : 'right' });
      x += largeurs[i];
    });
    doc
      .moveTo(MARGE, y + hauteur)
      .lineTo(MARGE + largeurTotale, y + hauteur)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGE;
    doc.y = y + hauteur;
  };
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(BLEU).text(texteWinAnsi(t.titre), MARGE, doc.y);
  doc.moveDown(0.3);
  ligne(
    colonnes.map((c) => texteWinAnsi(c.titre)),
    { entete: true },
  );
  if (t.lignes.length === 0)
    ligne(
      colonnes.map((_, i) => (i === 0 ? 'Aucun' : '')),
      {},
    );
  for (const values of t.lignes)
    ligne(
      garder.map((i) => formater(values[i], t.colonnes[i])),
      {},
    );
  if (t.total)
    ligne(
      garder.map((i) => formater(t.total![i], t.colonnes[i])),
      { gras: true },
    );
}

export interface OptionsPdf {
  date: Date;
  /** The bailleur's cover text (a default letter when absent). */
  texteCouverture?: string | null;
}

export function couvertureParDefaut(bilan: Bilan, destinataire: string): string {
  return (
    `Madame, Monsieur,\n\nConformément à l’article R.441-5-4 du code de la construction et de l’habitation, ${bilan.bailleur.nom} vous adresse ` +
    `le bilan annuel ${bilan.annee} des logements proposés et attribués au titre de vos droits de réservation en gestion en flux ` +
    `dans le département ${departementFr(bilan.departement, bilan.departementNom)}, destiné à ${destinataire}.\n\n` +
    `Chaque chiffre de ce bilan peut être rapproché, logement par logement, de la feuille « Détail » du classeur joint. ` +
    `Nous restons à votre disposition pour tout échange sur ces résultats et sur l’actualisation de l’année à venir.`
  );
}

export async function pdfBilan(
  input: BilanInput,
  bilan: Bilan,
  perimetre: Perimetre,
  options: OptionsPdf,
): Promise<Buffer> {
  const perim = perimetreDe(bilan, perimetre);
  const destinataire = perimetre.type === 'consolide' ? 'la conférence intercommunale du logement' : perim.nom;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGE,
    info: {
      Title: texteWinAnsi(`Bilan ${bilan.annee} — ${destinataire}`),
      Author: texteWinAnsi(bilan.bailleur.nom),
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(BLEU)
    .text(texteWinAnsi(`Bilan annuel ${bilan.annee} de la gestion en flux`), { align: 'left' });
  doc
    .moveDown(0.5)
    .fontSize(14)
    .fillColor('black')
    .text(texteWinAnsi(`${bilan.bailleur.nom} — ${departementFr(bilan.departement, bilan.departementNom)}`));
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(13)
    .text(texteWinAnsi(`Destinataire : ${destinataire}`));
  const conventions = conventionsDe(bilan, perimetre);
  if (conventions.length > 0)
    doc
      .fontSize(11)
      .text(texteWinAnsi(`Conventions : ${conventions.map((c) => `${c.reference} (${c.cible})`).join(', ')}`));
  doc
    .moveDown(1.2)
    .fontSize(11)
    .text(texteWinAnsi(options.texteCouverture?.trim() || couvertureParDefaut(bilan, destinataire)), {
      width: doc.page.width - 2 * MARGE,
      align: 'justify',
    });
  doc
    .moveDown(1)
    .fontSize(9)
    .fillColor('#555555')
    .text(
      texteWinAnsi(
        `Établi le ${dateFr(jourParis(options.date))} — ${input.lignes.length} libérations de l’année examinées.`,
      ),
    );
  doc.addPage();
  for (const t of tableaux(input, bilan, perimetre)) {
    tableau(doc, t);
    for (const c of t.nom === 'Objectifs' ? conventions : []) {
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('black')
        .text(texteWinAnsi(`${c.reference} : ${c.objectif.issue.explication}`), MARGE, doc.y + 2);
    }
  }
  doc.end();
  return done;
}
