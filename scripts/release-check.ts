/**
 * `npm run release:check`: builds the store zips and checks what they contain.
 *
 *  1. package.json's version (the only place it is written) is CHANGELOG.md's newest entry.
 *  2. `wxt zip` (Chrome MV3) and `wxt zip -b firefox` (Firefox MV2 + the sources zip AMO asks for).
 *  3. web-ext lint on the Firefox zip's own files (scripts/lint-firefox.sh: any finding fails).
 *  4. In each zip's manifest: the version; icons 16/32/48/96/128 and the toolbar's 16/32, each
 *     present in the zip and that many pixels square; the permissions equal to
 *     release/permissions.json unless the newest changelog entry names each change in backticks;
 *     no remote code (no http(s) script, remote import or importScripts, eval, new Function,
 *     string timers in any packaged file; no CSP that allows other script sources).
 *  5. Prints where the three zips are, with size and SHA-256.
 *
 *  --no-build                 check the zips already in .output/
 *  --update-permissions       after an explained change: write the built permissions to release/permissions.json
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  ACTION_ICON_SIZES,
  ICON_SIZES,
  diffPermissions,
  explained,
  findRemoteCode,
  parseChangelog,
  permissionsOf,
  pngSize,
  remoteCsp,
  type PermissionSet,
} from './lib/release';
import { readZip } from './lib/zip';

const PERMISSIONS_FILE = 'release/permissions.json';
const args = new Set(process.argv.slice(2));
const problems: string[] = [];
const fail = (msg: string) => problems.push(msg);
const ok = (msg: string) => console.log(`  ok  ${msg}`);

function run(cmd: string, argv: string[], env: Record<string, string> = {}): void {
  console.log(`\n$ ${[cmd, ...argv].join(' ')}`);
  const r = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`release:check: "${[cmd, ...argv].join(' ')}" failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

// 1. One version, and the changelog agrees.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const changelog = parseChangelog(readFileSync('CHANGELOG.md', 'utf8'));
const newest = changelog[0];
console.log(
  `== version: package.json ${pkg.version}, CHANGELOG.md newest ${newest?.version ?? '(none)'} ${newest?.date ?? ''}`,
);
if (!newest) {
  console.error('release:check: CHANGELOG.md has no "## X.Y.Z — YYYY-MM-DD" entry');
  process.exit(1);
}
if (newest.version !== pkg.version) {
  console.error(
    `release:check: package.json says ${pkg.version} but CHANGELOG.md's newest entry is ${newest.version}: add a changelog entry for ${pkg.version} (or bump package.json)`,
  );
  process.exit(1);
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(newest.date))
  fail(`CHANGELOG.md: entry ${newest.version} has no date (## ${newest.version} — YYYY-MM-DD)`);

// 2. The zips.
const zips = {
  chrome: `.output/${pkg.name}-${pkg.version}-chrome.zip`,
  firefox: `.output/${pkg.name}-${pkg.version}-firefox.zip`,
  sources: `.output/${pkg.name}-${pkg.version}-sources.zip`,
};
const started = Date.now();
if (!args.has('--no-build')) {
  run('npx', ['wxt', 'zip']);
  run('npx', ['wxt', 'zip', '-b', 'firefox']);
}
for (const [what, path] of Object.entries(zips)) {
  if (!existsSync(path)) {
    console.error(`release:check: ${what} zip not found at ${path}`);
    process.exit(1);
  }
  if (!args.has('--no-build') && statSync(path).mtimeMs < started - 2000) fail(`${path} was not rewritten by this run`);
}
const contents = { chrome: readZip(zips.chrome), firefox: readZip(zips.firefox), sources: readZip(zips.sources) };

// 3. web-ext lint on exactly what the Firefox zip holds.
const unpacked = mkdtempSync(join(tmpdir(), 'contexto-release-'));
try {
  for (const [name, data] of contents.firefox) {
    const out = join(unpacked, name);
    if (relative(unpacked, out).startsWith('..')) throw new Error(`zip entry outside the folder: ${name}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, data);
  }
  run('bash', ['scripts/lint-firefox.sh'], { SKIP_BUILD: '1', LINT_DIR: unpacked });
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}

// 4. Manifests.
const committed: Partial<Record<'chrome' | 'firefox', PermissionSet>> = existsSync(PERMISSIONS_FILE)
  ? JSON.parse(readFileSync(PERMISSIONS_FILE, 'utf8'))
  : {};
const built: Record<string, PermissionSet> = {};

for (const target of ['chrome', 'firefox'] as const) {
  const files = contents[target];
  console.log(`\n== ${zips[target]} (${files.size} files)`);
  const raw = files.get('manifest.json');
  if (!raw) {
    fail(`${target}: no manifest.json in the zip`);
    continue;
  }
  const manifest = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;

  if (manifest.version === pkg.version) ok(`version ${manifest.version}`);
  else fail(`${target}: manifest version ${String(manifest.version)}, package.json ${pkg.version}`);

  const action = (manifest.manifest_version === 3 ? manifest.action : manifest.browser_action) as
    | { default_icon?: Record<string, string> }
    | undefined;
  const iconSets: [string, Record<string, string> | undefined, readonly number[]][] = [
    ['icons', manifest.icons as Record<string, string> | undefined, ICON_SIZES],
    [
      manifest.manifest_version === 3 ? 'action.default_icon' : 'browser_action.default_icon',
      action?.default_icon,
      ACTION_ICON_SIZES,
    ],
  ];
  for (const [field, icons, sizes] of iconSets) {
    if (!icons || typeof icons !== 'object') {
      fail(`${target}: manifest has no ${field}`);
      continue;
    }
    const declared = Object.keys(icons)
      .map(Number)
      .sort((a, b) => a - b);
    if (declared.join() !== [...sizes].join())
      fail(`${target}: ${field} declares ${declared.join(', ')}; expected ${sizes.join(', ')}`);
    for (const [size, file] of Object.entries(icons)) {
      const bytes = files.get(file.replace(/^\//, ''));
      const got = bytes ? pngSize(bytes) : null;
      if (!bytes) fail(`${target}: ${field}["${size}"] = ${file} is not in the zip`);
      else if (!got) fail(`${target}: ${file} is not a PNG`);
      else if (got.width !== Number(size) || got.height !== Number(size))
        fail(`${target}: ${file} is ${got.width}×${got.height}, declared as ${size}`);
    }
    ok(
      `${field}: ${Object.entries(icons)
        .map(([s, f]) => `${s}→${f}`)
        .join(', ')} present, sizes match`,
    );
  }

  const perms = permissionsOf(manifest);
  built[target] = perms;
  const before = committed[target];
  if (!before) {
    if (!args.has('--update-permissions'))
      fail(
        `${target}: no committed permission list in ${PERMISSIONS_FILE} (run npm run release:check -- --update-permissions and commit it)`,
      );
  } else {
    const changes = diffPermissions(before, perms);
    const unexplained = changes.filter((c) => !explained(c, newest));
    for (const c of changes) {
      const line = `${c.field}: \`${c.value}\` ${c.change} vs ${PERMISSIONS_FILE}`;
      if (unexplained.includes(c))
        fail(
          `${target}: ${line}, and CHANGELOG.md ${newest.version} does not say why (name it in backticks there, then --update-permissions)`,
        );
      else
        console.log(
          `  note ${line}: explained in CHANGELOG.md ${newest.version}; run --update-permissions once released`,
        );
    }
    if (!changes.length)
      ok(
        `permissions unchanged: ${[...perms.permissions, ...perms.optional_permissions, ...perms.optional_host_permissions, ...perms.host_permissions].join(', ')}; content scripts on ${perms.content_script_matches.join(', ')}`,
      );
  }

  const csp = remoteCsp(manifest);
  if (csp) fail(`${target}: content_security_policy allows script from elsewhere: ${csp}`);
  const findings = [...files].flatMap(([name, data]) => findRemoteCode(name, data.toString('utf8')));
  for (const f of findings) fail(`${target}: ${f.what} in ${f.file}: …${f.excerpt}…`);
  const scanned = [...files.keys()].filter((n) => /\.(m?js|html)$/.test(n)).length;
  if (!findings.length && !csp)
    ok(
      `no remote code: ${scanned} JS/HTML files scanned, CSP ${manifest.content_security_policy ? 'checked' : 'default'}`,
    );
}

// The sources zip: what a reviewer needs to rebuild, nothing built or installed.
{
  const names = [...contents.sources.keys()];
  console.log(`\n== ${zips.sources} (${names.length} files)`);
  const needed = [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'design/icon.svg',
    'public/icon/128.png',
    'CHANGELOG.md',
  ];
  const missing = needed.filter((n) => !contents.sources.has(n));
  if (missing.length) fail(`sources zip lacks ${missing.join(', ')}`);
  const stray = names.filter((n) => /^(node_modules|\.output|\.wxt|\.git)\//.test(n));
  if (stray.length)
    fail(`sources zip holds build or install output: ${stray.slice(0, 3).join(', ')}${stray.length > 3 ? '…' : ''}`);
  if (!missing.length && !stray.length) ok(`holds ${needed.join(', ')}; no node_modules, .output, .wxt or .git`);
}

if (args.has('--update-permissions')) {
  mkdirSync(dirname(PERMISSIONS_FILE), { recursive: true });
  writeFileSync(PERMISSIONS_FILE, `${JSON.stringify(built, null, 2)}\n`);
  console.log(`\nWrote ${PERMISSIONS_FILE}: commit it with the changelog entry that explains the change.`);
}

if (problems.length) {
  console.error(`\nrelease:check FAILED (${problems.length}):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

console.log(`\nrelease:check passed for ${pkg.name} ${pkg.version}. Upload:`);
for (const [what, path] of Object.entries(zips)) {
  const data = readFileSync(path);
  const where = {
    chrome: 'Chrome Web Store',
    firefox: 'addons.mozilla.org',
    sources: 'addons.mozilla.org (source code)',
  }[what];
  console.log(
    `  ${what.padEnd(8)} ${path}  ${(data.length / 1024).toFixed(1)} KiB  sha256 ${createHash('sha256').update(data).digest('hex').slice(0, 16)}…  → ${where}`,
  );
}
