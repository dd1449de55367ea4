#!/usr/bin/env bash
# The `wisp` command of this clone, quick to start: builds src/Wisp.Cli once (Release, ReadyToRun) into
# artifacts/wisp/, and again only when a source file is newer than the last build, then runs the built program with
# the arguments given. When Node.js is on PATH it first builds the web front end (web/dist, embedded in the binary
# for `wisp web`) if that is missing or older than its sources. Build messages go to stderr, so `./wisp … --json` prints only JSON on stdout.
#   WISP_LAUNCHER_REBUILD=1 ./wisp …   builds even when nothing changed.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
out="$root/artifacts/wisp"
current="$out/current"   # a symlink to the newest build-<time> folder

# Each build goes into a folder of its own that never moves: a running `wisp up` keeps loading from the folder it
# started from while a newer build takes over `current`.
stale() {
  [[ "${WISP_LAUNCHER_REBUILD:-}" != 1 && -x "$current/wisp" && -f "$current/.sources-stamp" ]] || return 0
  # The cheap check: is any source or build file newer than the stamp? find stops at the first one.
  local newer
  newer=$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
    \( -name bin -o -name obj \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.proto' -o -name '*.json' \) \
    -newer "$current/.sources-stamp" -print -quit 2>/dev/null || true)
  [[ -n "$newer" ]] && return 0
  # No built page yet, and Node here to build it.
  [[ ! -f "$root/web/dist/index.html" && -f "$root/web/package.json" ]] && command -v npm >/dev/null 2>&1 && return 0
  # The web front end is embedded in the binary: a newer front-end source or build means a new binary too.
  newer=$(find "${web_sources[@]}" "$root/web/dist" -type f -newer "$current/.sources-stamp" -print -quit 2>/dev/null || true)
  [[ -n "$newer" ]]
}

web_sources=("$root/web/src" "$root/web/public" "$root/web/index.html" "$root/web/package.json" "$root/web/package-lock.json" "$root/web/vite.config.ts" "$root/web/tsconfig.json")

# Builds the web front end (web/dist, which the binary embeds) when Node is here and the build is missing or older
# than its sources. Without Node, or when that build fails, the CLI is still built: `wisp web` then says how to build
# the page.
build_web() {
  [[ -f "$root/web/package.json" ]] || return 0
  local dist="$root/web/dist/index.html" newer=""
  if [[ -f "$dist" ]]; then
    newer=$(find "${web_sources[@]}" -type f -newer "$dist" -print -quit 2>/dev/null || true)
    [[ -n "$newer" ]] || return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    [[ -f "$dist" ]] || echo "wisp: Node.js (npm) is not on PATH, so the web app's page is not built; 'wisp web' will say how to build it." >&2
    return 0
  fi
  echo "wisp: building the web front end (web/dist)…" >&2
  # npm ci only when the installed packages are missing or older than the lock file.
  if [[ ! -d "$root/web/node_modules" || "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]]; then
    (cd "$root/web" && npm ci --no-audit --no-fund >&2) || { echo "wisp: npm ci failed in web/ (see above); building wisp without the web page." >&2; return 0; }
  fi
  (cd "$root/web" && npm run build >&2) || echo "wisp: the front-end build failed (see above); building wisp with the page as it was." >&2
}

runtime_id() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo linux-x64 ;;
    Linux-aarch64) echo linux-arm64 ;;
    Darwin-x86_64) echo osx-x64 ;;
    Darwin-arm64) echo osx-arm64 ;;
    *) echo "" ;;
  esac
}

build() {
  command -v dotnet >/dev/null 2>&1 || { echo "wisp: the .NET 10 SDK is needed to build wisp ('dotnet' is not on PATH)." >&2; exit 1; }
  mkdir -p "$out"
  # One build at a time: a second ./wisp waits here, then finds the build done.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$out/.lock"
    flock 9
    [[ "${WISP_LAUNCHER_REBUILD:-}" == 1 ]] || stale || { exec 9>&-; return 0; }
  fi
  local name next stamp rid
  name="build-$(date +%Y%m%d-%H%M%S)-$$"
  next="$out/$name"
  stamp="$out/.stamp-$$"
  # Stamped before the build starts: a file saved during the build makes the next run build again.
  touch "$stamp"
  build_web
  rid=$(runtime_id)
  local options=(-c Release -o "$next" -nologo -v quiet)
  # ReadyToRun (precompiled code) needs a runtime identifier; without one the build is plain IL, just slower to start.
  [[ -n "$rid" ]] && options+=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
  echo "wisp: building src/Wisp.Cli into ${next#"$root"/} (first run, or sources changed)…" >&2
  if ! dotnet publish "$root/src/Wisp.Cli" "${options[@]}" >&2; then
    # ReadyToRun needs a package from NuGet (the crossgen compiler); offline, a plain build still works.
    rm -rf "$next"
    if [[ -z "$rid" ]] || ! { echo "wisp: trying again without ReadyToRun…" >&2; dotnet publish "$root/src/Wisp.Cli" -c Release -o "$next" -nologo -v quiet >&2; }; then
      rm -rf "$next" "$stamp"
      echo "wisp: the build failed (see above); nothing was run." >&2
      exit 1
    fi
  fi
  mv "$stamp" "$next/.sources-stamp"
  ln -sfn "$name" "$out/current.new"
  # Atomic where mv -T exists (GNU); elsewhere the old link goes first.
  mv -T "$out/current.new" "$current" 2>/dev/null || { rm -f "$current"; mv "$out/current.new" "$current"; }
  # Keep the three newest builds: older ones are no longer what any wisp just started runs.
  ls -1dt "$out"/build-* | tail -n +4 | while read -r old; do rm -rf "$old"; done
  # The lock is not handed on to the wisp exec'd below, which may run for days (wisp up).
  exec 9>&- 2>/dev/null || true
}

if stale; then
  build
fi
exec "$current/wisp" "$@"
