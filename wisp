#!/usr/bin/env bash
# The `wisp` command of this clone, quick to start: builds src/Wisp.Cli once (Release, ReadyToRun) into
# artifacts/wisp/, and again only when a source file is newer than the last build, then runs the built program with
# the arguments given. Build messages go to stderr, so `./wisp … --json` prints only JSON on stdout.
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
  [[ -n "$newer" ]]
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
