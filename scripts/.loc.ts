import { generateDepartement, offrePrevue } from '@aiguillage/demo';
import { largestBailleur, measureLatency, syntheticState } from '@aiguillage/simulation/latency';
const size = Number(process.argv[2]);
const mode = process.argv[3];
const demo = generateDepartement({});
let { state, flats } = syntheticState(demo, size, offrePrevue(demo, largestBailleur(demo)));
if (mode === 'compact') {
  const progress: typeof state.progress = {};
  for (const c of state.conventions) if (state.progress[c.id]) progress[c.id] = { ...state.progress[c.id] };
  state = { ...state, progress };
}
(globalThis as any).gc();
console.log(mode, JSON.stringify(measureLatency(state, flats, { warmup: 1000, calls: 300 })).slice(0, 60));
