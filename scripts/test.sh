#!/usr/bin/env bash
# THE test command (README, .ci/run): install the pinned Node tools, build the solution in Release, run every test
# project and print one summary line "Tests: X passed, Y failed, Z skipped".
# Exits non-zero when any step fails, any test fails, or no test ran at all.
#
# Needs: .NET SDK 10 (global.json), Node.js 20 + npm; Debian's chromium for the browser tests (installed below when
# missing). No Docker, no Functions Core Tools: integration tests start their own in-memory Azurite on free ports
# (HealthKart.Local.AzuriteServer) and their own SMTP server in-process.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SOLUTION="HealthKart.Functions.sln"
RESULTS_DIR="$ROOT/TestResults" # git-ignored; trx files are summed below and kept for CI artifacts

step() { printf '\n==> %s\n' "$*"; }
die() { echo "test.sh: $*" >&2; exit 1; }

# Every process this run starts inherits this marker, so the trap can find Azurite instances the tests left behind
# (a crashed test host never disposes its AzuriteServer) without touching a developer's own scripts/azurite.sh one.
export HK_TEST_RUN_ID="hk-test-$$-$RANDOM"

cleanup() {
    local rc=$?
    if [[ -d /proc ]]; then
        local dir
        for dir in /proc/[0-9]*; do
            grep -qz -- 'node_modules/azurite' "$dir/cmdline" 2>/dev/null || continue
            grep -qzx -- "HK_TEST_RUN_ID=$HK_TEST_RUN_ID" "$dir/environ" 2>/dev/null || continue
            echo "test.sh: stopping Azurite left running by the tests (pid ${dir#/proc/})" >&2
            kill "${dir#/proc/}" 2>/dev/null || true
        done
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl+C / CI cancellation too

command -v dotnet >/dev/null || die "dotnet is not on PATH. Install the .NET SDK pinned in global.json."
command -v node >/dev/null || die "node is not on PATH. Install Node.js 20 (Azurite 3.35.0 is pinned because 3.36+ needs Node 22)."
command -v npm >/dev/null || die "npm is not on PATH. Install npm (comes with Node.js)."

started=$SECONDS

step "npm ci (pinned Azurite from package-lock.json)"
# npm ci wipes node_modules, so skip it when node_modules was installed from this exact lock file.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f node_modules/.installed-lock-sha256 && "$(cat node_modules/.installed-lock-sha256)" == "$lock_hash" ]]; then
    echo "node_modules already matches package-lock.json; skipping npm ci."
else
    npm ci --no-audit --no-fund
    echo "$lock_hash" >node_modules/.installed-lock-sha256
fi

# ---- BROWSER TESTS: Debian's chromium at /usr/bin/chromium (the weekly e-mail's screenshot test drives it with ---
# Playwright; no browser download works here, so never `playwright install`).
if [[ ! -x /usr/bin/chromium ]]; then
    step "apt-get install chromium (for the browser tests)"
    if [[ "$(id -u)" == 0 ]]; then
        { apt-get update && apt-get install -y --no-install-recommends chromium; } ||
            die "apt-get could not install chromium (see above); the browser tests need /usr/bin/chromium."
    elif command -v sudo >/dev/null; then
        { sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium; } ||
            die "installing chromium with sudo failed; run 'sudo apt-get install -y chromium' yourself, then this script again."
    else
        die "/usr/bin/chromium is missing and this user cannot install it (not root, no sudo): ask for 'apt-get install -y chromium'."
    fi
    [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium, but /usr/bin/chromium is still missing."
fi
# ------------------------------------------------------------------------------------------------------------------

step "dotnet restore"
dotnet restore "$SOLUTION"

step "dotnet build (Release)"
dotnet build "$SOLUTION" -c Release --no-restore

step "dotnet test (Release)"
rm -rf "$RESULTS_DIR"
test_rc=0
# No LogFileName: each test project writes its own uniquely named trx, so none overwrites another.
# --blame-hang-timeout: a hung test fails the run instead of hanging CI forever.
dotnet test "$SOLUTION" -c Release --no-build \
    --results-directory "$RESULTS_DIR" \
    --logger trx --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m --blame-hang-dump-type none ||
    test_rc=$?

# Sum the <Counters .../> of every trx. Skipped tests count as notExecuted there.
counter() {
    local sum=0 n
    for n in $(cat "$RESULTS_DIR"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+'); do
        sum=$((sum + n))
    done
    echo "$sum"
}
passed="$(counter passed)"
failed=$(($(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
skipped="$(counter notExecuted)"
trx_count="$(find "$RESULTS_DIR" -maxdepth 1 -name '*.trx' 2>/dev/null | wc -l)"

echo
echo "$trx_count test projects reported in $((SECONDS - started)) s."
echo "Tests: $passed passed, $failed failed, $skipped skipped"
echo "Results: $RESULTS_DIR"

if ((failed > 0)); then
    die "$failed test(s) failed."
elif ((test_rc != 0)); then
    die "dotnet test exited with code $test_rc (crash, hang or build problem); see the output above."
elif ((passed == 0)); then
    die "no test passed. Did the test projects build any tests?"
fi
