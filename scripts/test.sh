#!/usr/bin/env bash
# THE test command (README, .ci/run): install the pinned Node tools, build the solution in Release, run every test
# project and print one summary line "Tests: X passed, Y failed, Z skipped".
# Exits non-zero when any step fails, any test fails, or no test ran at all.
#
# Needs: .NET SDK 10 (global.json), Node.js 20 + npm; Debian's chromium for the browser tests (installed below when
# missing, waiting up to HK_APT_WAIT_SECONDS, default 600, for another apt process to finish). Runs every test, the
# ones tagged Category=Slow included (README: how to leave those out while working). No Docker, no Functions Core
# Tools: integration tests start their own in-memory Azurite on free ports (HealthKart.Local.AzuriteServer) and their
# own SMTP server in-process.
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
CHROMIUM_HINT="install Debian's chromium yourself (it provides /usr/bin/chromium):"
CHROMIUM_HINT+=" sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium"

# The locks apt and dpkg take. Another apt process (unattended upgrades, another install on a shared machine) holding
# one would make apt-get fail at once, so wait for it, bounded (HK_APT_WAIT_SECONDS, default 10 minutes).
APT_LOCKS=(${HK_APT_LOCKS:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock
    /var/cache/apt/archives/lock})
APT_WAIT_SECONDS="${HK_APT_WAIT_SECONDS:-600}"

# Prints the first lock another process holds and its pid; fails when none is held. dpkg and apt take fcntl (POSIX)
# locks, which /proc/locks lists as "... POSIX ADVISORY WRITE <pid> <maj>:<min>:<inode> ..." (no fuser needed).
apt_lock_holder() {
    local lock inode pid
    for lock in "${APT_LOCKS[@]}"; do
        [[ -e "$lock" ]] || continue
        inode="$(stat -c %i "$lock")"
        pid="$(awk -v inode="$inode" '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9a-f]+:[0-9a-f]+:[0-9]+$/) {
                   split($i, id, ":"); if (id[3] == inode) { print $(i - 1); exit } } }' /proc/locks 2>/dev/null)"
        if [[ -n "$pid" ]]; then
            echo "$lock (pid $pid: $(tr '\0\n' '  ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80))"
            return 0
        fi
    done
    return 1
}

# Waits until no apt/dpkg lock is held, or until the deadline (in $SECONDS) passes.
wait_for_apt_locks() {
    local deadline=$1 holder last_said=-1
    while holder="$(apt_lock_holder)"; do
        ((SECONDS < deadline)) || return 1
        if ((last_said < 0 || SECONDS - last_said >= 30)); then
            echo "test.sh: another apt/dpkg process holds $holder; waiting (at most $((deadline - SECONDS)) s more) ..."
            last_said=$SECONDS
        fi
        sleep 3
    done
}

# apt-get update + install chromium as "$@" (empty, or sudo), waiting for other apt processes; retried while the
# failure was another process taking a lock between the check and apt-get, until the deadline.
install_chromium() {
    local deadline=$((SECONDS + APT_WAIT_SECONDS)) timeout
    while true; do
        wait_for_apt_locks "$deadline" || return 1
        timeout=$((deadline - SECONDS > 1 ? deadline - SECONDS : 1))
        if "$@" apt-get -o DPkg::Lock::Timeout="$timeout" update &&
            "$@" apt-get -o DPkg::Lock::Timeout="$timeout" install -y --no-install-recommends chromium; then
            return 0
        fi
        apt_lock_holder >/dev/null && ((SECONDS < deadline)) || return 1
        echo "test.sh: apt-get lost the race for a lock to another apt process; trying again."
    done
}

if [[ ! -x /usr/bin/chromium ]]; then
    step "apt-get install chromium (for the browser tests)"
    if [[ "$(id -u)" == 0 ]]; then
        install_chromium || die "apt-get could not install chromium (see above; waited at most" \
            "${APT_WAIT_SECONDS} s for other apt processes). The browser tests need /usr/bin/chromium: $CHROMIUM_HINT"
    elif command -v sudo >/dev/null; then
        install_chromium sudo || die "installing chromium with sudo failed (see above; waited at most" \
            "${APT_WAIT_SECONDS} s for other apt processes). $CHROMIUM_HINT, then run this script again."
    else
        die "/usr/bin/chromium is missing and this user cannot install it (not root, no sudo):" \
            "ask for 'apt-get install -y --no-install-recommends chromium'."
    fi
    [[ -x /usr/bin/chromium ]] ||
        die "apt-get installed chromium, but /usr/bin/chromium is still missing. $CHROMIUM_HINT"
fi
# ------------------------------------------------------------------------------------------------------------------

# ---- CODE STYLE: fails fast, before the long build. The analyzers and the code-style rules of .editorconfig run inside
# the build below (AnalysisLevel + EnforceCodeStyleInBuild + TreatWarningsAsErrors), so `dotnet format style` and
# `dotnet format analyzers` would only repeat them at the cost of a second compilation; the layout and the line length
# are what the build does not see.
step "code style: whitespace (dotnet format) and line length"
if ! dotnet format whitespace . --folder --verify-no-changes; then
    die "the code's layout differs from .editorconfig (files above). Run 'dotnet format whitespace . --folder', review, commit."
fi
scripts/check-line-length.sh
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
    # Named again last, so that a log cut to its end still says which tests failed (their errors are above).
    echo "Failed tests:"
    cat "$RESULTS_DIR"/*.trx | grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' |
        grep -o ' testName="[^"]*"' | sed 's/^ testName="\(.*\)"$/  \1/' || true
    die "$failed test(s) failed."
elif ((test_rc != 0)); then
    die "dotnet test exited with code $test_rc (crash, hang or build problem); see the output above."
elif ((passed == 0)); then
    die "no test passed. Did the test projects build any tests?"
fi
