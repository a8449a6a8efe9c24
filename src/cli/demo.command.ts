import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { loadDemo } from '../modules/demo/demo.loader.ts';
import { MAX_DEMO_COMMUNITIES } from '../modules/demo/synthetic-district.ts';
import { parseOptions, positiveInt, withApp } from './context.ts';

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    communities: { type: 'string' }, residents: { type: 'string' }, seed: { type: 'string' },
  });
  const communities = positiveInt('communities', values.communities, 4);
  const residents = positiveInt('residents', values.residents, 600);
  const seed = positiveInt('seed', values.seed, 2020);
  if (communities < 1 || communities > MAX_DEMO_COMMUNITIES) {
    console.error(`--communities must be between 1 and ${MAX_DEMO_COMMUNITIES}`);
    return 2;
  }
  return withApp(async (ctx) => {
    const started = Date.now();
    const s = await loadDemo(ctx, SYSTEM_ACTOR, { communities, residents, seed });
    console.log(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.nodes} places, ${s.residents} residents, ${s.people} new people in the workforce, ${s.units} units, ${s.partyOrgs} party organisations, ${s.areas} responsibility areas, ${s.posts} vanguard posts.`);
    return 0;
  });
}
