import { runAdmin } from './admin.command.ts';
import { runDemo } from './demo.command.ts';
import { runExport, runImport } from './transfer.commands.ts';
import { runMigrate } from './migrate.command.ts';
import { runKeys, runRetention } from './registry.commands.ts';
import { runServe } from './serve.command.ts';

const USAGE = `fangkong — 防控 community epidemic prevention and control

Usage: fangkong <command> [options]   (or: npm run cli -- <command> [options])

  serve                                   start the server and web app (same as npm start)
  migrate [--down]                        bring the database schema up to date (or undo the last step)
  admin create <username> [--password P]  create an administrator (password generated if omitted)
  admin reset-password <username> [--password P]
  import <kind> <file> [--accept-valid] [--report errors.xlsx] [--lang zh|en]
                                          kinds: jurisdiction, people, units; .xlsx or .csv
  import residents <file> --node NODE_ID [--apply-valid] [--report errors.xlsx] [--lang zh|en]
                                          a community's resident sheet (streamed; 1,000,000 rows), re-import safe
  export <kind> [--format xlsx|csv] [--out FILE]
  demo [--communities N] [--residents N] [--seed S]
                                          load a synthetic district (deterministic for a seed)
  keys rotate [--batch N] [--new-key HEX64]
                                          re-encrypt ID and phone numbers under a new key (resumable)
  retention --before YYYY-MM-DD [--subtree NODE_ID] [--dry-run|--apply]
                                          anonymise residents' personal data registered before a date
                                          (a dry run unless --apply; aggregate counts are kept)

Configuration comes from the environment (FANGKONG_DATABASE_URL, FANGKONG_DATA_DIR, …; see README.md).`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: runServe,
  migrate: runMigrate,
  admin: runAdmin,
  import: runImport,
  export: runExport,
  demo: runDemo,
  keys: runKeys,
  retention: runRetention,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    const e = err as { code?: string; message?: string; details?: unknown };
    console.error(`Error${e.code ? ` [${e.code}]` : ''}: ${e.message ?? String(err)}`);
    if (Array.isArray(e.details) && e.details.length) console.error(JSON.stringify(e.details, null, 2));
    process.exitCode = 1;
  },
);
