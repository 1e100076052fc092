import { Alert, Button, Group, NativeSelect, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { MOTIFS_DEROGATION } from '../format';
import type { OptionConsole } from '../types';
import { Formulaire, useEnvoi } from './communs';

export interface DemandeDerogation {
  destination: OptionConsole['destination']['destination'];
  motif: string;
  commentaire?: string;
}

/** « Déroger… »: destination among the eligible options, motif, commentaire; says beforehand if a manager must approve. */
export function FormulaireDerogation({
  options,
  envoyer: envoyerDemande,
  annuler,
}: {
  options: OptionConsole[];
  envoyer: (d: DemandeDerogation) => Promise<void>;
  annuler: () => void;
}) {
  const choix = options.filter((o) => o.eligible && !o.recommandee);
  const [rang, setRang] = useState(choix[0] ? String(choix[0].rang) : '');
  const [motif, setMotif] = useState('');
  const [commentaire, setCommentaire] = useState('');
  const { erreur, envoi, envoyer } = useEnvoi();
  const option = choix.find((o) => String(o.rang) === rang);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!option) return;
    await envoyer(() =>
      envoyerDemande({
        destination: option.destination.destination,
        motif,
        ...(commentaire.trim() ? { commentaire: commentaire.trim() } : {}),
      }),
    );
  }

  if (choix.length === 0)
    return (
      <Alert color="gray">Aucune autre option éligible : la recommandation est la seule destination possible.</Alert>
    );
  const autres =
    erreur && erreur.erreurs.filter((e) => !['destination', 'motif', 'commentaire'].some((c) => e.champ.startsWith(c)));
  return (
    <Formulaire
      id="titre-derogation"
      titre="Déroger à la recommandation"
      onSubmit={submit}
      testId="formulaire-derogation"
    >
      <NativeSelect
        label="Destination"
        value={rang}
        onChange={(e) => setRang(e.currentTarget.value)}
        data={choix.map((o) => ({ value: String(o.rang), label: o.destination.libelle }))}
        error={erreur?.champ('destination')}
        autoFocus
      />
      {option?.approbation && (
        <Alert
          color={option.approbation.requise ? 'orange' : 'green'}
          data-testid="approbation-requise"
          title={option.approbation.requise ? "Approbation d'un responsable nécessaire" : 'Sans approbation'}
        >
          {option.approbation.requise
            ? option.approbation.motifs.join(' ; ')
            : 'Cette dérogation sera décidée aussitôt.'}
        </Alert>
      )}
      <NativeSelect
        label="Motif"
        value={motif}
        onChange={(e) => setMotif(e.currentTarget.value)}
        data={[
          { value: '', label: 'Choisir un motif…' },
          ...Object.entries(MOTIFS_DEROGATION).map(([value, label]) => ({ value, label })),
        ]}
        error={erreur?.champ('motif')}
      />
      <Textarea
        label="Commentaire"
        description={motif === 'AUTRE' ? 'Obligatoire pour le motif « Autre »' : 'Facultatif'}
        value={commentaire}
        onChange={(e) => setCommentaire(e.currentTarget.value)}
        error={erreur?.champ('commentaire')}
        autosize
        minRows={2}
      />
      {erreur && (autres?.length || erreur.erreurs.length === 0) ? (
        <Alert color="red" role="alert">
          {erreur.message}
          {autres?.map((e) => ` — ${e.champ} : ${e.raison}`)}
        </Alert>
      ) : null}
      <Group>
        <Button type="submit" color="orange" loading={envoi}>
          Envoyer la dérogation
        </Button>
        <Button variant="default" onClick={annuler}>
          Annuler
        </Button>
      </Group>
    </Formulaire>
  );
}
