import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/run.js'), path.join(__dirname, 'summary.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('libs/demo/bin/summary.ts', () => {
  it('prints one JSON summary with --json', () => {
    const r = run('--seed', '5', '--scale', '0.02', '--json');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toEqual(
      expect.objectContaining({ seed: 5, scale: 0.02, communes: 40, departement: 'Val-de-Loirette (96)' }),
    );
    expect(s.logements).toBeGreaterThan(0);
    expect(typeof s.generationMs).toBe('number');
  }, 60_000);

  it('exits 2 with a French message on a bad argument', () => {
    const unknown = run('--graine', '3');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('argument inconnu « --graine »');
    const bad = run('--scale', '-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('scale');
  }, 60_000);
});
