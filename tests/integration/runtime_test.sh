#!/usr/bin/env bash
# The OCI runtime of RUN steps: crun when it runs containers here, runc otherwise (`manifold
# version` says which and why), MANIFOLD_RUNTIME forces one, and a forced one that is missing is
# an error naming the variable, never a silent fallback.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need docker-registry

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
printf 'FROM %s/busybox:latest\nARG RUNTIME_CASE\nRUN echo "ran $RUNTIME_CASE as $(id -u)" > /ran\n' "$R" >"$ctx/Dockerfile"

# run_step CASE: builds the RUN step (no cache: a fresh root each time) and checks what it wrote.
run_step() {
  local case=$1
  MANIFOLD_ROOT="$WORK/root-$case" "$MANIFOLD" build --progress=plain --build-arg "RUNTIME_CASE=$case" \
    --output "type=local,dest=$WORK/out-$case" "$ctx" >"$WORK/$case.log" 2>&1 || { cat "$WORK/$case.log"; fail "$case: build with RUN"; }
  assert_eq "$case: the RUN step ran" "ran $case as 0" "$(cat "$WORK/out-$case/ran")"
}

# --- the automatic choice ----------------------------------------------------------------------
if [[ $(id -u) == 0 ]]; then
  auto=$("$MANIFOLD" version | grep '^runtime: ') || fail "manifold version does not name the runtime"
else
  # A user's `version` does not enter the user namespace and says "not probed"; `inspect` does,
  # and probes as a build does.
  auto="runtime: $("$MANIFOLD" inspect | sed -n 's/^Runtime: *//p')"
  [[ $auto != "runtime: " ]] || fail "manifold inspect does not name the runtime"
fi
echo "  $auto"
hybrid=no
if [[ $(stat -f -c %T /sys/fs/cgroup) == tmpfs && $(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null) == cgroup2fs ]]; then
  hybrid=yes
fi
if ! command -v crun >/dev/null; then
  assert_eq "without crun, runc" "runtime: runc (crun is not installed)" "$auto"
elif [[ $hybrid == yes ]]; then
  # DESIGN.md: crun 1.8 refuses hybrid cgroup v1/v2 layouts. manifold hides the layout's cgroup2
  # half in its own mount namespace (executor::PrepareCgroupView), where crun runs; a user's
  # build makes the same view in its user namespace.
  assert_eq "hybrid cgroups: crun, which sees cgroup v1 only" \
    "runtime: crun (detected: crun runs containers here)" "$auto"
else
  [[ $auto == "runtime: crun (detected: crun runs containers here)" || $auto == "runtime: runc (crun fails here: "* ]] ||
    fail "unexpected automatic choice: $auto"
  ok "automatic choice with its reason"
fi
run_step auto
if [[ $hybrid == yes ]]; then
  # The unmount was manifold's own namespace's: the host still has its cgroup2 half.
  assert_eq "the host's /sys/fs/cgroup/unified is still mounted after the build" cgroup2fs \
    "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)"
fi

# --- forced ------------------------------------------------------------------------------------
assert_eq "MANIFOLD_RUNTIME=runc is shown" "runtime: runc (MANIFOLD_RUNTIME=runc)" \
  "$(MANIFOLD_RUNTIME=runc "$MANIFOLD" version | grep '^runtime: ')"
MANIFOLD_RUNTIME=runc run_step runc
MANIFOLD_RUNTIME=$(command -v runc) run_step runc-path

for missing in no-such-runtime /nonexistent/runtime; do
  expect_failure "MANIFOLD_RUNTIME=$missing: the error names the variable" "MANIFOLD_RUNTIME=$missing" \
    env MANIFOLD_RUNTIME="$missing" MANIFOLD_ROOT="$WORK/root-missing" "$MANIFOLD" build --progress=plain \
    --output "type=local,dest=$WORK/out-missing" "$ctx"
done
[[ ! -e $WORK/out-missing ]] || fail "a build without its runtime wrote its output"

if command -v crun >/dev/null; then
  if [[ $auto == "runtime: runc (crun fails here: "* ]]; then
    # Forced, crun is used even where it fails: its own error, no fallback to runc.
    why=${auto#runtime: runc (crun fails here: }
    expect_failure "MANIFOLD_RUNTIME=crun where crun fails: crun's error" "${why:0:40}" \
      env MANIFOLD_RUNTIME=crun MANIFOLD_ROOT="$WORK/root-crun" "$MANIFOLD" build --progress=plain \
      --output "type=local,dest=$WORK/out-crun" "$ctx"
  else
    MANIFOLD_RUNTIME=crun run_step crun
  fi

  # Where crun works it is chosen, and the probe is remembered: a crun first in PATH that counts
  # its calls is detected and runs the step. A user's `version` does not probe.
  if [[ $(id -u) != 0 ]]; then
    echo "note: detecting a working crun (probed by \`manifold version\`) needs root: not checked as $(id -un)" >&2
  elif [[ $auto == "runtime: crun "* ]]; then
    mkdir -p "$WORK/bin"
    cat >"$WORK/bin/crun" <<EOF
#!/bin/sh
echo "\$*" >>"$WORK/crun.calls"
exec $(command -v crun) "\$@"
EOF
    chmod +x "$WORK/bin/crun"
    # A probe's verdict is kept for the boot (here in a memo dir of the test's own), keyed by
    # the runtime binary: the next process does not probe again.
    export MANIFOLD_PROBE_MEMO_DIR=$WORK/probe-memo
    : >"$WORK/crun.calls"
    assert_eq "a working crun is detected" "runtime: crun (detected: crun runs containers here)" \
      "$(PATH="$WORK/bin:$PATH" "$MANIFOLD" version | grep '^runtime: ')"
    assert_eq "detecting it ran one probe container" 1 "$(grep -c ' run --bundle ' "$WORK/crun.calls")"
    : >"$WORK/crun.calls"
    PATH="$WORK/bin:$PATH" run_step crun-detected
    assert_eq "the next build remembered the probe: crun ran the step only" 1 "$(grep -c ' run --bundle ' "$WORK/crun.calls")"
    : >"$WORK/crun.calls"
    MANIFOLD_PROBE_MEMO_DIR='' PATH="$WORK/bin:$PATH" run_step crun-unremembered
    assert_eq "without a memo dir: the probe and the step" 2 "$(grep -c ' run --bundle ' "$WORK/crun.calls")"
    echo "#changed" >>"$WORK/bin/crun"
    : >"$WORK/crun.calls"
    PATH="$WORK/bin:$PATH" run_step crun-changed
    assert_eq "a changed runtime binary is probed again" 2 "$(grep -c ' run --bundle ' "$WORK/crun.calls")"
    unset MANIFOLD_PROBE_MEMO_DIR
  fi
fi
if [[ $hybrid == yes && $(id -u) == 0 ]] && command -v unshare >/dev/null; then
  # Under the host's cgroup2 mount, on the tmpfs it covers: unmounting unified/ alone (instead of
  # executor::PrepareCgroupView's own tmpfs) made crun leave a directory there for each container,
  # seen by nobody and never removed.
  hidden=$(unshare --mount --propagation private sh -c 'umount /sys/fs/cgroup/unified && ls -A /sys/fs/cgroup/unified')
  assert_eq "nothing was left under the host's cgroup2 mount" "" "$hidden"
fi
echo "$CHECKS checks passed"
