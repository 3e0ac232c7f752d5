#!/usr/bin/env bash
# `make audit`: build the example site, serve it on 127.0.0.1 and run Lighthouse on one page.
# Prints the four category scores (0-100) of the median of AUDIT_RUNS runs (default 3), one per
# line, on stdout; the audits that lost points go to stderr, the full reports to
# .audit/report-<run>.report.{json,html}.
#
# Goal on the seed lesson: accessibility, best-practices and seo 100, performance >= 95.
# Set AUDIT_STRICT=1 to exit 1 when a goal is missed.
#
# Environment (all optional):
#   AUDIT_PAGE    page path under the site root  (default: the seed lesson; empty: home)
#   AUDIT_CONFIG  mkdocs config file              (default: mkdocs.yml of this repository)
#   CHROME_PATH   browser for Lighthouse          (default: /usr/bin/chromium when present)
#   AUDIT_RUNS    Lighthouse runs, median kept    (default: 3)
#   VENV_BIN      where mkdocs and python live    (default: .venv/bin)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

LIGHTHOUSE_VERSION=12.2.3
page=${AUDIT_PAGE-lessons/aws-iam/iam-roles-vs-user-credentials/}
config=${AUDIT_CONFIG:-$repo/mkdocs.yml}
bin=${VENV_BIN:-$repo/.venv/bin}
work=$repo/.audit
site=$work/site

if [ -z "${CHROME_PATH:-}" ] && [ -x /usr/bin/chromium ]; then
  export CHROME_PATH=/usr/bin/chromium
fi
if [ -z "${CHROME_PATH:-}" ]; then
  echo "audit: no browser: install chromium (make browser) or set CHROME_PATH" >&2
  exit 2
fi

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "audit: needs Node.js 18+ ($tool not found)" >&2; exit 2; }
done

# Lighthouse pinned and installed here, not globally: scores move between versions.
mkdir -p "$work"
installed=$(node -p "require('$work/node_modules/lighthouse/package.json').version" 2>/dev/null \
  || true)
if [ "$installed" != "$LIGHTHOUSE_VERSION" ]; then
  echo "audit: installing lighthouse@$LIGHTHOUSE_VERSION under .audit/ ..." >&2
  npm install --prefix "$work" --save-exact --no-audit --no-fund --loglevel=error \
    "lighthouse@$LIGHTHOUSE_VERSION" >&2
fi

export NO_MKDOCS_2_WARNING=1
rm -rf "$site"
"$bin/mkdocs" build --strict --quiet -f "$config" -d "$site"
if [ ! -f "$site/${page}index.html" ] && [ ! -f "$site/$page" ]; then
  echo "audit: the build has no page at /$page (is the lessons plugin enabled?)" >&2
  exit 2
fi

# Served like GitHub Pages (gzip, keep-alive): Lighthouse scores what goes over the wire.
port_file=$work/port
rm -f "$port_file"
"$bin/python" "$repo/tools/serve.py" "$site" "$port_file" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [ -s "$port_file" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "audit: the server did not start" >&2; exit 2; }
  sleep 0.1
done
url="http://127.0.0.1:$(cat "$port_file")/$page"

# Same flags as the browser tests: no background traffic that could leave the machine.
flags="--headless --no-sandbox --disable-gpu --disable-background-networking"
flags+=" --disable-component-update --disable-sync --no-first-run"
# Performance moves by a few points from run to run (mostly Total Blocking Time under the
# simulated 4x slower CPU); Lighthouse's own advice is the median of several runs.
runs=${AUDIT_RUNS:-3}
reports=()
for run in $(seq "$runs"); do
  echo "audit: lighthouse run $run/$runs: $url" >&2
  "$work/node_modules/.bin/lighthouse" "$url" --quiet \
    --chrome-flags="$flags" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$work/report-$run"
  reports+=("$work/report-$run.report.json")
done

# Scores of the median run on stdout; what lost points on stderr.
node - "${AUDIT_STRICT:-0}" "${reports[@]}" <<'JS'
const fs = require("fs");
const [strict, ...paths] = process.argv.slice(2);
const runs = paths.map((path) => ({ path, lhr: JSON.parse(fs.readFileSync(path, "utf8")) }));
runs.sort((a, b) => a.lhr.categories.performance.score - b.lhr.categories.performance.score);
const { path, lhr } = runs[Math.floor((runs.length - 1) / 2)];
const all = runs.map((run) => Math.round(run.lhr.categories.performance.score * 100));
console.error(`performance of each run: ${all.join(", ")}; median run: ${path.replace(/json$/, "html")}`);
const goals = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };
let missed = false;
for (const [id, goal] of Object.entries(goals)) {
  const category = lhr.categories[id];
  const score = Math.round(category.score * 100);
  console.log(`${id}: ${score}`);
  if (score < goal) missed = true;
  for (const ref of category.auditRefs) {
    const audit = lhr.audits[ref.id];
    if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
      const value = audit.displayValue ? ` (${audit.displayValue})` : "";
      console.error(`  ${id}: ${ref.id}: ${audit.title}${value}`);
    }
  }
}
if (lhr.runWarnings.length) console.error(`warnings: ${lhr.runWarnings.join("; ")}`);
process.exit(strict === "1" && missed ? 1 : 0);
JS
