import { Actualisation } from './Actualisation';
import { BilanDetail } from './BilanDetail';
import { Bilans } from './Bilans';

/** The bilan pages (lazy-loaded: the initial bundle stays the queue's). */
export default function PagesBilan({ path }: { path: string }) {
  const actualisation = /^\/actualisations\/([0-9a-f-]{36})$/.exec(path);
  if (actualisation) return <Actualisation id={actualisation[1]} />;
  const bilan = /^\/bilans\/([0-9a-f-]{36})$/.exec(path);
  if (bilan) return <BilanDetail id={bilan[1]} />;
  return <Bilans />;
}
