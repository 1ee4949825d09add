# tests/slurm/cases.sh — the cases of the Slurm suite, sourced by run.sh (which defines
# as_user, RUN, IMG, REG, LAYERS, gets, leftovers, case_ and the work directories).
# shellcheck shell=bash

# Three nodes start the first run of an image at once, into one shared store: every layer
# blob comes from the registry once (the store's per-blob locks across processes).
pull_once() {
    local out l n rc=0
    out=$(as_user srun -N3 -n3 -l $RUN "$IMG" true 2>&1) || { echo "$out"; return 1; }
    for l in $LAYERS; do
        n=$(gets "/blobs/$l")
        if [ "$n" != 1 ]; then echo "layer $l fetched $n times"; rc=1; fi
    done
    # One task pulled under the image's pull lock; the others waited and found it stored.
    n=$(gets "/manifests/latest")
    if [ "$n" != 1 ]; then echo "the manifest was fetched $n times"; rc=1; fi
    echo "each of $(wc -w <<<"$LAYERS") layer blobs and the manifest fetched once by 3 nodes"
    return $rc
}
case_ pull_once_for_three_nodes pull_once

# The image is stored now: runs (default --pull=missing, as podman's) ask the registry
# nothing at all, on every node, from srun and from an array.
stored_no_request() {
    local before after out
    # Every request the registry logged (its log has other lines too).
    requests() { grep -cE '"(GET|HEAD) /v2/' "$WORK/reg/registry.log" || true; }
    before=$(requests)
    out=$(as_user srun -N3 -n3 -l $RUN "$IMG" true 2>&1) || { echo "$out"; return 1; }
    as_user sbatch --wait --array=1-6 -N1 -o "$U/out/stored-%a.out" --wrap "$RUN $IMG true; echo rc=\$?" >/dev/null 2>&1
    [ "$(cat "$U"/out/stored-*.out 2>/dev/null | grep -c '^rc=0$')" = 6 ] || { cat "$U"/out/stored-*.out; return 1; }
    after=$(requests)
    [ "$before" = "$after" ] || { echo "the registry was asked $((after - before)) times:"; grep -E '"(GET|HEAD) /v2/' "$WORK/reg/registry.log" | tail -n +"$((before + 1))"; return 1; }
    echo "9 runs of the stored image on 3 nodes: no registry request"
}
case_ stored_image_no_registry_request stored_no_request

srun_every_node() {
    local out
    out=$(as_user srun -N3 -n3 -l sh -c "$RUN $IMG hostname && echo node=\$SLURMD_NODENAME" 2>&1) ||
        { echo "$out"; return 1; }
    for n in n1 n2 n3; do grep -q "node=$n\$" <<<"$out" || { echo "no $n: $out"; return 1; }; done
    [ "$(grep -cE '^[0-2]: [0-9a-f]{12}$' <<<"$out")" = 3 ] || { echo "hostnames: $out"; return 1; }
    echo "a container on n1, n2 and n3"
}
case_ srun_N3_on_every_node srun_every_node

sbatch_array() {
    local i want got bad=0
    as_user sbatch --wait --array=1-30 -N1 -o "$U/out/array-%a.out" \
        --wrap "$RUN $IMG sh -c \"exit \$((SLURM_ARRAY_TASK_ID % 7))\"; echo rc=\$?; echo \$SLURMD_NODENAME" \
        >/dev/null 2>&1
    for i in $(seq 1 30); do
        want="rc=$((i % 7))"
        got=$(head -n 1 "$U/out/array-$i.out" 2>/dev/null)
        if [ "$got" != "$want" ]; then echo "task $i: $got (want $want): $(cat "$U/out/array-$i.out" 2>&1)"; bad=1; fi
    done
    [ "$bad" = 0 ] && echo "30 tasks, every exit code right, on $(tail -qn 1 "$U"/out/array-*.out | sort -u | tr '\n' ' ')"
    return $bad
}
case_ sbatch_array_of_30 sbatch_array

# running PATTERN: wait until a process of the user runs PATTERN (at most 20 s).
running() {
    local i
    for i in $(seq 1 40); do
        pgrep -u "$TEST_USER" -f "$1" >/dev/null && return 0
        sleep 0.5
    done
    echo "no process $1 of $TEST_USER"; return 1
}

scancel_srun() {
    local job
    as_user sh -c "srun -N1 -J nook-scancel $RUN $IMG sleep 3601 >$U/out/scancel-srun.out 2>&1 &"
    running '^sleep 3601' || return 1
    job=$(squeue -h -u "$TEST_USER" -n nook-scancel -o %i)
    scancel "$job"
    echo "job $job cancelled while its container ran"
}
case_ scancel_of_an_srun_step scancel_srun

scancel_sbatch() {
    local job
    job=$(as_user sbatch --parsable -N1 -o "$U/out/scancel-batch.out" --wrap "$RUN $IMG sleep 3602")
    running '^sleep 3602' || return 1
    scancel "$job"
    echo "batch job $job cancelled while its container ran (its PID 1 does not catch SIGTERM: killed at once)"
}
case_ scancel_of_a_batch_job scancel_sbatch

inside_the_job() {
    local out
    out=$(as_user srun -N1 "$NOOK" info 2>&1)
    grep -q "inside Slurm job [0-9]* step 0: containers never get a systemd scope" <<<"$out" ||
        { echo "nook info: $out"; return 1; }
    out=$(as_user srun -N1 $RUN --memory 64m "$IMG" true 2>&1) || { echo "$out"; return 1; }
    grep -q "Warning: --memory not applied: running inside Slurm job [0-9]* step 0, whose cgroup is not delegated to you: the job's limits apply" <<<"$out" ||
        { echo "--memory: $out"; return 1; }
    echo "nook info and --memory say the job's limits apply"
}
case_ nook_knows_it_is_inside_a_job inside_the_job

# A site store made by an administrator: read-only, named by additionalimagestores in the
# user's containers storage.conf; the user's own store does not have the image.
site_store() {
    local before after out
    install -d -o "$TEST_USER" -m 0700 "$WORK/site"
    EXTRA_ENV=(NOOK_STORAGE="$WORK/site") as_user "$NOOK" pull -q --tls-verify=false "$REG/site/tool:1" >/dev/null ||
        { echo "cannot make the site store"; return 1; }
    chown -R root:root "$WORK/site"
    chmod -R a+rX,go-w "$WORK/site"
    install -d -o "$TEST_USER" "$U/home/.config" "$U/home/.config/containers"
    printf '[storage]\ndriver = ""\n[storage.options]\nadditionalimagestores = [ "%s" ]\n' "$WORK/site" >"$U/home/.config/containers/storage.conf"
    before=$(gets /v2/site/tool/)
    out=$(as_user srun -N3 -n3 -l $RUN "$REG/site/tool:1" cat /etc/nook-arch 2>&1) || { echo "$out"; return 1; }
    after=$(gets /v2/site/tool/)
    [ "$before" = "$after" ] || { echo "the registry was asked $((after - before)) times"; return 1; }
    [ "$(grep -c amd64 <<<"$out")" = 3 ] || { echo "$out"; return 1; }
    rm -f "$U/home/.config/containers/storage.conf"
    echo "3 nodes ran the site store's image; the registry was not asked"
}
case_ site_store_without_a_pull site_store

# registries.conf [[registry.mirror]]: tried first; a dead mirror falls back to the registry.
mirror() {
    local mreg before out
    mreg=$(REGISTRY_ACCESS_LOG_OFF=false bash "$REPO/scripts/registry.sh" start "$WORK/mirror") || return 1
    bash "$REPO/scripts/registry.sh" push "$WORK/mirror" "oci:$WORK/oci:latest" mirrored/busybox:1 >/dev/null 2>&1 || return 1
    install -d -o "$TEST_USER" "$U/home/.config" "$U/home/.config/containers"
    printf '[[registry]]\nlocation = "%s"\ninsecure = true\n[[registry.mirror]]\nlocation = "127.0.0.1:1"\ninsecure = true\n[[registry.mirror]]\nlocation = "%s"\ninsecure = true\n' \
        "$REG" "$mreg" >"$U/home/.config/containers/registries.conf"
    before=$(gets /v2/mirrored/busybox/)
    out=$(as_user srun -N1 "$NOOK" run --rm --network none "$REG/mirrored/busybox:1" true 2>&1) || { echo "$out"; return 1; }
    rm -f "$U/home/.config/containers/registries.conf"
    [ "$(gets /v2/mirrored/busybox/)" = "$before" ] || { echo "the registry itself was asked"; return 1; }
    grep -q '"GET /v2/mirrored/busybox/blobs/' "$WORK/mirror/registry.log" || { echo "the mirror was not asked"; return 1; }
    echo "pulled from the second mirror (the first is down), not from the registry"
}
case_ registries_conf_mirror_first mirror

# srun --container=BUNDLE, with an oci.conf that names only nook (Slurm 22.05: Query, Kill
# and Delete run as root, hence runuser).
container_bundle() {
    local b=$U/bundle out id
    install -d -o "$TEST_USER" -m 0755 "$b"
    cp -a "$WORK/rootfs" "$b/rootfs"
    echo marker-ok >"$b/rootfs/bundle-marker"
    cat >"$b/config.json" <<'EOF'
{"ociVersion": "1.0.2",
 "process": {"terminal": false, "user": {"uid": 0, "gid": 0}, "args": ["sh"], "env": ["PATH=/bin"], "cwd": "/"},
 "root": {"path": "rootfs"}, "hostname": "bundled",
 "linux": {"namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "user"}],
           "uidMappings": [{"containerID": 0, "hostID": 0, "size": 1}], "gidMappings": [{"containerID": 0, "hostID": 0, "size": 1}]}}
EOF
    chown -R "$TEST_USER:" "$b"
    [ -f "$OCI_CONF" ] && [ ! -f "$OCI_CONF.nook-saved" ] && mv "$OCI_CONF" "$OCI_CONF.nook-saved"
    touch "$WORK/oci-conf-ours"
    id='%n.%u.%j.%s.%t'
    cat >"$OCI_CONF" <<EOF
RunTimeRun="$NOOK run --init --bundle %b $id"
RunTimeQuery="runuser -u %u -- $NOOK state $id"
RunTimeKill="runuser -u %u -- $NOOK kill -s SIGTERM $id"
RunTimeDelete="runuser -u %u -- $NOOK delete --force $id"
EOF
    local f sizes=()
    for f in /var/tmp/slurm-test/slurmd-n{1,2,3}.log; do sizes+=("$(stat -c %s "$f" 2>/dev/null || echo 0)"); done
    out=$(as_user srun -N3 -n3 -l --container="$b" sh -c 'cat /bundle-marker; hostname; echo job=$SLURM_JOB_ID' 2>&1) ||
        { echo "$out"; return 1; }
    [ "$(grep -c ': marker-ok$' <<<"$out")" = 3 ] && [ "$(grep -c ': bundled$' <<<"$out")" = 3 ] &&
        [ "$(grep -cE ': job=[0-9]+$' <<<"$out")" = 3 ] || { echo "$out"; return 1; }
    # A containerised step cancelled while it runs.
    as_user sh -c "srun -N1 -J nook-oci --container=$b sleep 3603 >$U/out/oci-scancel.out 2>&1 &"
    running '^sleep 3603' || return 1
    scancel "$(squeue -h -u "$TEST_USER" -n nook-oci -o %i)"
    leftovers || return 1
    # What slurmd logged meanwhile: no complaint about what the nook commands printed.
    for f in 1 2 3; do
        tail -c +"$((sizes[f - 1] + 1))" "/var/tmp/slurm-test/slurmd-n$f.log"
    done | grep -E "JSON|oci|RunTime" && { echo "slurmd complained (above)"; return 1; }
    rm -f "$OCI_CONF" "$WORK/oci-conf-ours"
    [ -f "$OCI_CONF.nook-saved" ] && mv "$OCI_CONF.nook-saved" "$OCI_CONF"
    echo "srun -N3 --container ran the bundle on every node; scancel ended one; Run, Query, Kill and Delete all nook"
}
case_ srun_container_bundle_with_nook_oci_conf container_bundle

# Slurm's time limits are whole minutes: this case takes one to two.
time_limit() {
    local i
    TIMEOUT_JOB=$(as_user sbatch --parsable -N1 --time=1 -o "$U/out/timeout.out" \
        --wrap "$RUN $IMG sleep 600")
    running '^sleep 600' || return 1
    for i in $(seq 1 180); do
        grep -q "DUE TO TIME LIMIT" "$U/out/timeout.out" 2>/dev/null && break
        sleep 1
    done
    grep -q "DUE TO TIME LIMIT" "$U/out/timeout.out" || { echo "job $TIMEOUT_JOB: $(cat "$U/out/timeout.out")"; return 1; }
    echo "job $TIMEOUT_JOB ended by its --time=1 limit"
}
case_ a_step_past_its_time_limit time_limit
