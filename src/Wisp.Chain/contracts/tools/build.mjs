// Builds the contracts with forge (pinned solc through tools/solc.cjs) and writes artifacts/<Contract>.json (ABI and
// bytecode) for Wisp.Chain to embed. With --check, builds afresh and fails if artifacts/ differs from the sources.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contracts = ['WispRegistry', 'WispToken'];
const check = process.argv.includes('--check');

// forge's own out/ and cache/ (git-ignored): after `forge test` the build is already there and this only compares.
const out = path.join(root, 'out');
{
  const forge = path.join(root, 'node_modules', '.bin', 'forge');
  execFileSync(forge, ['build', '--use', './tools/solc.cjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const solcVersion = execFileSync(process.execPath, [path.join(root, 'tools', 'solc.cjs'), '--version'])
    .toString().match(/Version: (\S+)/)[1];
  let stale = [];
  for (const name of contracts) {
    const built = JSON.parse(readFileSync(path.join(out, `${name}.sol`, `${name}.json`), 'utf8'));
    const artifact = {
      contractName: name,
      compiler: solcVersion,
      settings: 'optimizer 200 runs, evm cancun, no metadata hash (see foundry.toml)',
      abi: built.abi,
      bytecode: built.bytecode.object,
      deployedBytecode: built.deployedBytecode.object,
    };
    const text = JSON.stringify(artifact, null, 2) + '\n';
    const file = path.join(root, 'artifacts', `${name}.json`);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(name);
    } else {
      writeFileSync(file, text);
      console.log(`artifacts/${name}.json: ${(artifact.bytecode.length - 2) / 2} bytes of init code`);
    }
  }
  if (stale.length > 0) {
    console.error(`artifacts out of date for ${stale.join(', ')}: run 'npm run build' in src/Wisp.Chain/contracts`);
    process.exit(1);
  }
  if (check) console.log('artifacts match the sources');
}
