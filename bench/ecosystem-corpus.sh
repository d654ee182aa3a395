#!/usr/bin/env bash
# Ecosystem files from a folder run through PM2 and jpm in turn, and compared on what each tool started: app names,
# processes per app, exec mode, cwd, the app's declared env (default, then --env production) and args.
#
#   bench/ecosystem-corpus.sh DIR
#
# DIR holds ecosystem files anywhere below it (ecosystem*.{js,cjs,mjs,json,yml,yaml}, pm2*.{json,yml,yaml,js,cjs},
# process*.{json,yml,yaml}). Each file is copied with its folder into a scratch folder, and what it names is stood in
# for: the scripts it runs (a node or shell program that just stays up, where PM2 would look for it), the modules it
# requires (dotenv is installed from npm, anything else is an empty module), a package.json with the npm scripts it
# runs. Then, from the file's own folder, `pm2 start FILE`, `pm2 jlist`, `pm2 delete all`; the same with
# `--env production`; then with `--only <first app>` for a file of several named apps; then the same with jpm (`jpm
# jlist`, and `jpm describe <app> --json` for what jlist lacks).
#
# One line per file: "agree", or "differ" with the field, PM2's value and jpm's. Env is compared on the variables the
# file declares (env and env_<name>); what either tool adds of its own (PM2's pm_id, NODE_APP_INSTANCE, unique_id…,
# jpm's JPM_*) and the client's environment are not compared. A file that neither tool starts agrees (the reason is
# shown: a missing interpreter, a module that throws without its .env…). Then the agreement percentage; exit 0.
# PM2 is installed from npm into the temp dir; every process and home is removed at the end.
set -u -o pipefail

LOG_TAG=corpus
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] && [ -d "$1" ] || die "usage: bench/ecosystem-corpus.sh DIR (a folder of ecosystem files)"
CORPUS=$(cd "$1" && pwd)
need_node "bench/ecosystem-corpus.sh compares against PM2 and needs node and npm"
make_tmp jpm-corpus
JPM="" PM2=""

stop_tools() { stop_jpm_and_pm2; } # called by cleanup (lib.sh)
install_cleanup

if [ -n "${PM2_BIN:-}" ]; then PM2=$PM2_BIN; else install_pm2; fi   # PM2_BIN: a pm2 already installed
check_jpm "bin/jpm does not build"
snapshot_jpm
WORK="$TMP/work"
mkdir -p "$WORK"
log "installing dotenv into $WORK (the one module ecosystem files commonly require)"
npm install --prefix "$WORK" --no-audit --no-fund --no-save dotenv >"$TMP/logs/npm-dotenv.log" 2>&1 \
  || log "dotenv did not install: files that require it are stubbed"
PM2_MODULES=$(cd "$(dirname "$(readlink -f "$PM2")")/.." && pwd)   # PM2's own package folder
YAML_DIR="$PM2_MODULES/node_modules"
[ -d "$YAML_DIR/js-yaml" ] || YAML_DIR="$(dirname "$PM2_MODULES")"
HELPER="$TMP/corpus.js"

cat >"$HELPER" <<'JS'
// prepare FILE OUT: reads FILE as PM2 does, makes stand-ins for what it names, writes {apps, problems} to OUT.
// compare DECLARED MODE PM2_JLIST JPM_JLIST JPM_DESCRIBE_DIR: prints "agree" or "differ: ...".
const fs = require('fs'), path = require('path'), vm = require('vm'), Module = require('module');
const cp = require('child_process');
const STAY_JS = 'setInterval(() => {}, 1000);\n';
const STAY_SH = '#!/bin/sh\nwhile :; do sleep 1; done\n';
const which = c => { try { return cp.execSync(`command -v ${JSON.stringify(c)}`, {shell: '/bin/sh'}).toString().trim(); } catch (e) { return null; } };
const [cmd, ...rest] = process.argv.slice(2);

function load(file, root) {
  const ext = path.extname(file);
  const text = () => fs.readFileSync(file, 'utf8');
  if (ext === '.json') return vm.runInThisContext('(' + text() + ')');
  if (ext === '.yml' || ext === '.yaml') return require(process.env.YAML_DIR + '/js-yaml').load(text());
  if (ext === '.mjs') {
    const out = cp.execFileSync('node', ['--input-type=module', '-e',
      `import(${JSON.stringify('file://' + file)}).then(m => console.log(JSON.stringify(m.default ?? m)))`],
      {cwd: path.dirname(file)});
    return JSON.parse(out.toString());
  }
  // .js/.cjs: require, and stand in for a bare module it cannot find with an empty module under the scratch root
  for (let i = 0; i < 20; i++) {
    try { return require(file); } catch (e) {
      const m = e.code === 'MODULE_NOT_FOUND' && /Cannot find module '([^']+)'/.exec(e.message);
      if (!m || m[1].startsWith('.') || m[1].startsWith('/')) throw e;
      const name = m[1].split('/').slice(0, m[1].startsWith('@') ? 2 : 1).join('/');
      const dir = path.join(root, 'node_modules', name);
      fs.mkdirSync(dir, {recursive: true});
      fs.writeFileSync(path.join(dir, 'index.js'), 'module.exports = {};\n');
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({name, main: 'index.js'}));
      stubs.push(name);
      Object.keys(require.cache).forEach(k => delete require.cache[k]);
    }
  }
  throw new Error('too many missing modules');
}
const stubs = [];

function apps(conf) {
  if (Array.isArray(conf)) return conf;
  if (conf && conf.apps) return Array.isArray(conf.apps) ? conf.apps : [conf.apps];
  if (conf && conf.pm2) return Array.isArray(conf.pm2) ? conf.pm2 : [conf.pm2];
  return conf ? [conf] : [];
}

const pathLike = s => s.includes('/') || /\.(c?js|mjs|ts|sh|py)$/.test(s);
const words = a => Array.isArray(a) ? a.map(String) : (typeof a === 'string' ? a.split(/\s+/).filter(Boolean) : []);

function standIn(file, node) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), {recursive: true});
  const ext = path.extname(file);
  if (!node && !/\.(c?js|mjs|ts)$/.test(ext)) { fs.writeFileSync(file, STAY_SH); fs.chmodSync(file, 0o755); return; }
  fs.writeFileSync(file, ext === '.py' ? 'import time\nwhile True: time.sleep(1)\n' : STAY_JS);
}

function prepare(file, out) {
  const dir = path.dirname(file), root = process.env.WORK;
  const problems = [];
  // npm run targets: collected first, since a package.json may be required by the file itself
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) fs.writeFileSync(pkgFile, JSON.stringify({name: 'corpus-app', version: '1.0.0', scripts: {}}));
  let conf;
  try { conf = load(file, root); } catch (e) {
    fs.writeFileSync(out, JSON.stringify({apps: [], problems: ['the file does not load: ' + String(e.message).split('\n')[0]]}));
    return;
  }
  const list = apps(conf).filter(a => a && typeof a === 'object');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.scripts = pkg.scripts || {};
  const result = [];
  for (const app of list) {
    const script = app.script ?? app.cmd;
    const declared = {env: Object.keys(app.env || {}), production: Object.keys(Object.assign({}, app.env || {}, app.env_production || {}))};
    result.push({name: app.name ?? null, declared});
    if (typeof script !== 'string') { problems.push('an app without script'); continue; }
    let cwd = dir;
    if (typeof app.cwd === 'string') cwd = path.resolve(dir, app.cwd);
    if (!cwd.startsWith(root)) { if (!fs.existsSync(cwd)) problems.push(`cwd ${cwd} does not exist here`); continue; }
    fs.mkdirSync(cwd, {recursive: true});
    const first = script.trim().split(/\s+/)[0];
    const argv = script.trim().includes(' ') ? script.trim().split(/\s+/).slice(1) : words(app.args);
    const interp = app.interpreter ?? app.exec_interpreter;
    if (interp && interp !== 'none' && interp !== 'node' && !which(interp) && !fs.existsSync(interp)) problems.push(`interpreter ${interp} is not installed`);
    if (pathLike(first) || fs.existsSync(path.resolve(cwd, first)) || !which(first)) {
      const p = path.resolve(cwd, first);
      if (!p.startsWith(root)) { if (!fs.existsSync(p)) problems.push(`script ${p} does not exist here`); continue; }
      if (!pathLike(first) && !which(first) && /^(bun|deno|ts-node|tsx|nodemon|pnpm|yarn|npx|python3?|gunicorn|serve)$/.test(first)) {
        problems.push(`command ${first} is not installed`); continue;
      }
      standIn(p, !interp || interp === 'node' || /node/.test(interp || ''));
    } else if (first === 'npm' || first === 'yarn' || first === 'pnpm') {
      const target = argv[0] === 'run' || argv[0] === 'run-script' ? argv[1] : argv[0];
      if (target && !pkg.scripts[target]) pkg.scripts[target] = 'node -e "setInterval(() => {}, 1000)"';
    } else if (first === 'node' || first === 'nodemon' || first === 'ts-node') {
      const f = argv.find(a => !a.startsWith('-'));
      if (f) { const p = path.resolve(cwd, f); standIn(path.extname(p) ? p : p + '.js', true); }
    }
  }
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  if (stubs.length) problems.push('stubbed modules: ' + stubs.join(', '));
  fs.writeFileSync(out, JSON.stringify({apps: result, problems}));
}

const readJson = f => { try { const s = fs.readFileSync(f, 'utf8'); const l = s.split('\n').find(x => x.startsWith('[')); return l ? JSON.parse(l) : null; } catch (e) { return null; } };
const show = v => v === undefined ? '(unset)' : JSON.stringify(v);

function compare(declaredFile, mode, pm2File, jpmFile, jpmDescDir) {
  const declared = JSON.parse(fs.readFileSync(declaredFile, 'utf8'));
  const pm2 = readJson(pm2File) || [], jpm = readJson(jpmFile) || [];
  const group = list => { const m = new Map(); for (const p of list) { if (!m.has(p.name)) m.set(p.name, []); m.get(p.name).push(p); } return m; };
  const P = group(pm2), J = group(jpm);
  const diffs = [];
  const names = [...new Set([...P.keys(), ...J.keys()])].sort();
  if (!pm2.length && !jpm.length) return 'agree (neither started anything' + (declared.problems.length ? ': ' + declared.problems.join('; ') : '') + ')';
  for (const name of names) {
    const p = P.get(name), j = J.get(name);
    if (!p || !j) { diffs.push(`app ${JSON.stringify(name)}: pm2 ${p ? p.length : 'none'}, jpm ${j ? j.length : 'none'}`); continue; }
    if (p.length !== j.length) diffs.push(`${name} processes: pm2 ${p.length}, jpm ${j.length}`);
    const pe = p[0].pm2_env, je = j[0].pm2_env;
    if (pe.exec_mode !== je.exec_mode) diffs.push(`${name} exec_mode: pm2 ${pe.exec_mode}, jpm ${je.exec_mode}`);
    let d = null;
    try { d = JSON.parse(fs.readFileSync(path.join(jpmDescDir, name + '.json'), 'utf8'))[0]; } catch (e) {}
    if (!d) { diffs.push(`${name}: jpm describe gave nothing`); continue; }
    const jcwd = je.pm_cwd ?? d.config.cwd;
    if (pe.pm_cwd !== jcwd) diffs.push(`${name} cwd: pm2 ${pe.pm_cwd}, jpm ${jcwd}`);
    // args: PM2's pm2_env.args; jpm's jlist args, else what follows the script in describe's command
    const pargs = (pe.args ?? []).map(String);
    let jargs = je.args;
    if (jargs === undefined) {
      const c = d.config.command || [];
      const i = c.findIndex(x => x === pe.pm_exec_path || x === d.config.script || path.basename(x) === path.basename(String(pe.pm_exec_path)));
      jargs = i >= 0 ? c.slice(i + 1) : c.slice(1);
    }
    if (JSON.stringify(pargs) !== JSON.stringify(jargs.map(String))) diffs.push(`${name} args: pm2 ${JSON.stringify(pargs)}, jpm ${JSON.stringify(jargs)}`);
    const app = declared.apps.find(a => a.name === name) || (declared.apps.length === 1 ? declared.apps[0] : null);
    const keys = app ? app.declared[mode === 'production' ? 'production' : 'env'] : [];
    const penv = pe.env || {}, jenv = je.env || d.env || {};
    for (const k of keys) {
      if (k === '_') continue; // the shell's path of the program it ran (timeout, java): a file that copies process.env has the tool's own
      const pv = penv[k] === undefined || penv[k] === null ? undefined : String(penv[k]);
      const jv = jenv[k] === undefined || jenv[k] === null ? undefined : String(jenv[k]);
      if (pv !== jv) diffs.push(`${name} env ${k}: pm2 ${show(pv)}, jpm ${show(jv)}`);
    }
  }
  return diffs.length ? 'differ: ' + diffs.join('; ') : 'agree';
}

if (cmd === 'prepare') prepare(path.resolve(rest[0]), rest[1]);
else if (cmd === 'compare') console.log(compare(...rest));
else if (cmd === 'first-name') { const d = JSON.parse(fs.readFileSync(rest[0], 'utf8')); const n = d.apps.length > 1 && d.apps[0].name; if (typeof n === 'string' && !n.includes(',')) console.log(n); }
else if (cmd === 'names') { const j = readJson(rest[0]) || []; console.log([...new Set(j.map(p => p.name))].join('\n')); }
JS

export WORK YAML_DIR
mapfile -t FILES < <(cd "$CORPUS" && find . -type f \( -name 'node_modules' -prune -o \
  -regex '.*/\(ecosystem[^/]*\|pm2[^/]*\|process[^/]*\)\.\(js\|cjs\|mjs\|json\|yml\|yaml\)' -print \) | sed 's|^\./||' | sort)
[ ${#FILES[@]} -gt 0 ] || die "no ecosystem files under $CORPUS"
log "${#FILES[@]} files under $CORPUS"

# run TOOL FILE LABEL: start the file (with --env production for LABEL production), save jlist and each app's
# describe (jpm), then delete everything
run() {
  local tool=$1 f=$2 label=$3 out="$SCRATCH/$1.$3" extra=()
  [ "$label" = production ] && extra=(--env production)
  [ "$label" = only ] && extra=(--only "$ONLY")
  mkdir -p "$out"
  local bin=$PM2
  [ "$tool" = jpm ] && bin=$JPM
  (cd "$(dirname "$SCRATCH/files/$f")" && timeout 60 "$bin" start "$(basename "$f")" "${extra[@]}") >"$out/start.log" 2>&1
  echo $? >"$out/start.rc"
  sleep 1.5
  timeout 30 "$bin" jlist >"$out/jlist.json" 2>/dev/null
  if [ "$tool" = jpm ]; then
    node "$HELPER" names "$out/jlist.json" | while IFS= read -r name; do
      [ -n "$name" ] && timeout 30 "$JPM" describe "$name" --json >"$out/$name.json" 2>/dev/null
    done
  fi
  timeout 60 "$bin" delete all >/dev/null 2>&1
}

# the first jpm line that says why: an error, or a warning naming a key
jpm_says() {
  { grep -iE 'error|warn|not supported|ignored|refus|missing|unknown|not found|not a folder' "$1"; grep '^jpm: ' "$1"; } \
    | head -1 | cut -c1-160
}

AGREE=0 TOTAL=0 LINES=()
for f in "${FILES[@]}"; do
  TOTAL=$((TOTAL + 1))
  SCRATCH="$WORK/$TOTAL"
  mkdir -p "$SCRATCH/files/$(dirname "$f")"
  cp -a "$CORPUS/$(dirname "$f")/." "$SCRATCH/files/$(dirname "$f")/"
  node "$HELPER" prepare "$SCRATCH/files/$f" "$SCRATCH/declared.json" 2>"$SCRATCH/prepare.log" \
    || echo '{"apps":[],"problems":["stand-ins failed"]}' >"$SCRATCH/declared.json"
  result=""
  labels=(default)   # --env production starts the same as the default unless the file has an env_production
  grep -q 'env_production' "$SCRATCH/files/$f" && labels+=(production)
  ONLY=$(node "$HELPER" first-name "$SCRATCH/declared.json" 2>/dev/null)   # several apps: --only the first one
  [ -n "$ONLY" ] && labels+=(only)
  for label in "${labels[@]}"; do
    run pm2 "$f" "$label" &   # the two tools side by side: their daemons and stand-ins share nothing
    run jpm "$f" "$label"
    wait
    r=$(node "$HELPER" compare "$SCRATCH/declared.json" "$label" "$SCRATCH/pm2.$label/jlist.json" \
      "$SCRATCH/jpm.$label/jlist.json" "$SCRATCH/jpm.$label")
    case $r in agree*) ;; *) result="$label: $r"; break ;; esac
    result=$r
  done
  case $result in
    agree*) AGREE=$((AGREE + 1)); line="agree   $f${result#agree} [${labels[*]}]" ;;
    *) line="differ  $f: $result"
       says=$(jpm_says "$SCRATCH/jpm.default/start.log")
       [ -n "$says" ] && line="$line | jpm: $says" ;;
  esac
  LINES+=("$line")
  echo "$line"
done

echo
echo "$AGREE of $TOTAL files agree ($(awk -v a=$AGREE -v t=$TOTAL 'BEGIN { printf "%.1f", t ? 100 * a / t : 0 }') %)" \
  "with PM2 $PM2_VERSION on names, processes per app, exec mode, cwd, declared env (default and --env production) and args."
exit 0
