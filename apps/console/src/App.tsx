import { Alert, AppShell, Burger, Button, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { ROLES } from './format';
import { navigate, usePath } from './router';
export { Lien } from './router';
import { useLiveStatus, useSession } from './session';
import { Approbations } from './pages/Approbations';
import { Declarer } from './pages/Declarer';
import { Decision } from './pages/Decision';
import { Decisions } from './pages/Decisions';
import { FileAOrienter } from './pages/FileAOrienter';
import { Login } from './pages/Login';
import { PreparationCal } from './pages/PreparationCal';

const PagesBilan = lazy(() => import('./pages/bilans'));
const PortailReservataire = lazy(() => import('./pages/PortailReservataire'));

interface Entree {
  path: string;
  label: string;
  roles: string[];
}

const MENU: Entree[] = [
  { path: '/', label: 'À orienter', roles: ['ADMIN', 'MANAGER', 'CHARGE'] },
  { path: '/approbations', label: 'Approbations', roles: ['ADMIN', 'MANAGER'] },
  { path: '/decisions', label: 'Décisions', roles: ['ADMIN', 'MANAGER', 'CHARGE'] },
  { path: '/cal', label: 'Préparation CAL', roles: ['ADMIN', 'MANAGER', 'CHARGE'] },
  { path: '/declarer', label: 'Déclarer une libération', roles: ['ADMIN', 'MANAGER', 'CHARGE'] },
  { path: '/bilans', label: 'Bilans', roles: ['ADMIN', 'MANAGER', 'CHARGE'] },
  { path: '/', label: 'Mes conventions', roles: ['RESERVATAIRE'] },
];

function Page({ path, role }: { path: string; role: string }) {
  // A réservataire reads its portal only, whatever the address: the team's pages are not open to it.
  if (role === 'RESERVATAIRE')
    return (
      <Suspense fallback={<Loader aria-label="Chargement" />}>
        <PortailReservataire />
      </Suspense>
    );
  const decision = /^\/liberations\/([0-9a-f-]{36})$/.exec(path);
  if (decision) return <Decision id={decision[1]} />;
  if (path === '/approbations' && (role === 'MANAGER' || role === 'ADMIN')) return <Approbations />;
  if (path === '/decisions') return <Decisions />;
  if (path === '/cal') return <PreparationCal />;
  if (path === '/declarer') return <Declarer />;
  if (path.startsWith('/bilans') || (path.startsWith('/actualisations/') && (role === 'MANAGER' || role === 'ADMIN')))
    return (
      <Suspense fallback={<Loader aria-label="Chargement" />}>
        <PagesBilan path={path} />
      </Suspense>
    );
  return <FileAOrienter />;
}

function BandeauConnexion() {
  const status = useLiveStatus();
  if (status !== 'hors-ligne') return null;
  return (
    <Alert color="orange" variant="filled" role="status" data-testid="hors-ligne" mb="md" title="Hors ligne">
      Connexion au direct perdue : reconnexion en cours. Ce qui arrive entre-temps s'affichera au retour.
    </Alert>
  );
}

export function App() {
  const { utilisateur, logout } = useSession();
  const path = usePath();
  const [menuOuvert, menuTablette] = useDisclosure(false);
  if (!utilisateur) return <Login />;
  const menu = MENU.filter((m) => m.roles.includes(utilisateur.role));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !menuOuvert } }}
      padding="md"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={menuOuvert}
              onClick={menuTablette.toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={menuOuvert ? 'Fermer le menu' : 'Ouvrir le menu'}
            />
            <Title order={1} size="h3">
              Aiguillage
            </Title>
          </Group>
          <Group gap="sm">
            <Text size="sm" data-testid="utilisateur">
              {utilisateur.nom}
              {utilisateur.nom.includes(ROLES[utilisateur.role]) ? '' : ` — ${ROLES[utilisateur.role]}`}
            </Text>
            <Button variant="default" size="xs" onClick={logout}>
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Navigation principale">
        {menu.map((m) => (
          <NavLink
            key={m.path}
            href={m.path}
            label={m.label}
            active={
              // A réservataire's one entry, its portal, is shown at every address.
              utilisateur.role === 'RESERVATAIRE' ||
              (m.path === '/'
                ? path === '/' || path.startsWith('/liberations/')
                : path.startsWith(m.path) || (m.path === '/bilans' && path.startsWith('/actualisations/')))
            }
            onClick={(e) => {
              e.preventDefault();
              menuTablette.close();
              navigate(m.path);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <div>
          <BandeauConnexion />
          <Page path={path} role={utilisateur.role} />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
