import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyScenario } from './testing/tiny-scenario';

const ROOT = join(__dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync('node', ['scripts/run.js', 'scripts/simulate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run simulate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiguillage-sim-'));
  const file = join(dir, 'mini.json');
  writeFileSync(file, JSON.stringify(tinyScenario(30)));

  it('prints one JSON object: the metrics and, per convention, its objective and what it got', () => {
    const out = run('--scenario', file, '--strategy', 'optimum', '--json');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({
      scenario: 'mini',
      strategy: 'optimum',
      seed: 7,
      violations: [],
      violationsTotal: 0,
    });
    expect(Object.keys(result.metrics)).toEqual(
      expect.arrayContaining([
        'l1',
        'maxAbsDeviation',
        'withinOne',
        'hardViolations',
        'prefetHorsQpvMet',
        'prefetCommuneSpread',
        'q1HorsQpvShare',
        'prioritairesMinShare',
        'vacancyDaysMean',
        'refusalRate',
        'maxMidYearLag',
      ]),
    );
    expect(result.metrics.l1).toBe(0);
    expect(
      result.conventions.map((c: { reference: string; objectif: number; propositions: number }) => [
        c.reference,
        c.objectif,
        c.propositions,
      ]),
    ).toEqual([
      ['CONV-C-ETAT', 9, 9],
      ['CONV-C-ALS', 6, 6],
      ['CONV-C-COMA', 3, 3],
    ]);
  }, 60_000);

  it('rejects bad arguments with a French message and exit code 2', () => {
    const unknown = run('--scenario', file, '--strategy', 'hasard');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      "--strategy : « hasard » inconnue, attendu l'une de engine, rotation, greedy, stock, sainte-lague, largest-deficit, dual-mirror-descent, optimum",
    );
    const option = run('--scenario', file, '--strategy', 'greedy', '--verbose');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('option inconnue --verbose');
    const prudence = run('--scenario', file, '--strategy', 'greedy', '--prudence', '0.9');
    expect(prudence.status).toBe(2);
    expect(prudence.stderr).toContain("--prudence ne s'emploie qu'avec --demo ou --export-demo");
    const horsBornes = run('--demo', '--scale', '0.02', '--prudence', '3', '--strategy', 'greedy');
    expect(horsBornes.status).toBe(2);
    expect(horsBornes.stderr).toContain('prudence : « 3 » doit être un nombre entre 0,5 et 1,5');
  }, 60_000);

  it('rejects an invalid scenario file, naming the field, with exit code 2', () => {
    const bad = join(dir, 'bad.json');
    const s = tinyScenario(3) as unknown as { logements: Array<{ typologie: string }> };
    s.logements[1].typologie = 'T0';
    writeFileSync(bad, JSON.stringify(s));
    const out = run('--scenario', bad, '--strategy', 'greedy', '--json');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('logements[1].typologie : valeur "T0" invalide');
    expect(out.stdout).toBe('');
  }, 60_000);
});
