# tests/vm/cases.sh — the VM suite's cases, sourced by run.sh (which defines vm, case_,
# no_units and RUN). Each case prints what it saw and returns non-zero on failure.

t_lingering_ssh() {
    # Over ssh, no graphical session: the user manager is there thanks to lingering.
    local l
    l=$(vm 'loginctl show-user tester --property=Linger; echo "bus=$DBUS_SESSION_BUS_ADDRESS"')
    echo "$l"
    grep -q '^Linger=yes$' <<<"$l" && grep -q '^bus=unix:path=/run/user/1000/bus$' <<<"$l"
}

t_scope_and_namespace() {
    # A scope is made and delegated; the container's PID 1 is in its child `container`, which
    # is the root of its cgroup namespace; nook's init (PID 1's parent: forked by nook, so not
    # named `__init`; PID 1 is the shell, or `sleep 6` once the shell has executed it) waits
    # in `supervisor`; the scope is gone after a normal exit.
    local out
    out=$(vm "$RUN $ROOT sh -c 'cat /proc/self/cgroup; sleep 6' & sleep 0.2
              for i in \$(seq 1 200); do
                  c=\$(pgrep -f '^(sh -c cat /proc/self/cgroup|sleep 6)' | head -n 1)
                  p=\$(ps -o ppid= -p \"\$c\" 2>/dev/null | tr -d ' ')
                  [ -n \"\$p\" ] && grep -q supervisor /proc/\$p/cgroup 2>/dev/null && break; sleep 0.05
              done
              echo init=\$(cat /proc/\$p/cgroup)
              echo pid1=\$(cat /proc/\$c/cgroup)
              echo units=\$(systemctl --user list-units --no-legend 'nook-*' | awk '{print \$1}')
              wait")
    echo "$out"
    local scope='0::/user.slice/user-1000.slice/user@1000.service/app.slice/nook-[0-9a-f]{12}.scope'
    grep -q '^0::/$' <<<"$out" || { echo "no 0::/ inside"; return 1; }
    grep -Eq "^init=$scope/supervisor\$" <<<"$out" || { echo "init not in supervisor"; return 1; }
    grep -Eq "^pid1=$scope/container\$" <<<"$out" || { echo "PID 1 not in container"; return 1; }
    grep -Eq '^units=nook-[0-9a-f]{12}.scope$' <<<"$out" || { echo "no unit while running"; return 1; }
    no_units
}

t_oom() {
    local out rc
    out=$(vm "$RUN --memory 64m $ROOT tail /dev/zero; echo rc=\$?")
    echo "$out"
    grep -q '^rc=137$' <<<"$out" || return 1
    grep -qx 'container was killed by the kernel: out of memory (limit 64 MiB)' <<<"$out" || return 1
    no_units
}

t_memory_under_limit() {
    # A job that fits is not killed, and --stats reports its peak.
    local out
    out=$(vm "$RUN --memory 64m --stats $ROOT sh -c 'head -c 20m /dev/zero | tail -c 1 >/dev/null; echo fine'; echo rc=\$?")
    echo "$out"
    grep -q '^fine$' <<<"$out" && grep -q '^rc=0$' <<<"$out" && grep -q '^stats: memory peak [0-9.]* [KMG]iB' <<<"$out"
}

t_pids_limit() {
    # A fork bomb is stopped at --pids-limit: forks fail there, the bomb collapses, and the
    # cgroup's peak is the limit exactly.
    local out n
    out=$(vm "timeout -s KILL 300 $RUN --pids-limit 30 --stats $ROOT sh -c 'f() { f | f & }; f 2>/dev/null; while set -- /proc/[0-9]*; [ \$# -gt 1 ]; do :; done; echo collapsed' 2>&1; echo rc=\$?")
    echo "$out"
    n=$(sed -n 's/^stats: .*pids peak \([0-9]*\)$/\1/p' <<<"$out")
    [ "$n" = 30 ] || { echo "pids peak $n, not 30"; return 1; }
    grep -q '^collapsed$' <<<"$out" && grep -q '^rc=0$' <<<"$out" || return 1
    no_units
}

t_cpus_half() {
    # --cpus 0.5 on a busy loop: about half a CPU, from cpu.stat (wide tolerance).
    local out usec ratio
    # Not as PID 1 (which ignores timeout's signal): under a shell.
    out=$(vm "$RUN --cpus 0.5 --stats $ROOT sh -c 'timeout -s KILL 6 sh -c \"while :; do :; done\"; true'; echo rc=\$?")
    echo "$out"
    usec=$(sed -n 's/^stats: .* cpu \([0-9.]*\)s .*/\1/p' <<<"$out")
    [ -n "$usec" ] || return 1
    ratio=$(awk -v c="$usec" 'BEGIN { printf "%.2f", c / 6 }')
    echo "cpu share: $ratio of one CPU"
    awk -v r="$ratio" 'BEGIN { exit !(r > 0.3 && r < 0.7) }' || return 1
    grep -Eq 'throttled [1-9][0-9]* of' <<<"$out"
}

t_no_bus_limit_error() {
    # Limits asked with no user bus: exit 125, the one line naming the fix, nothing started.
    local out
    out=$(vm "rm -f ~/rootfs/started; env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR=/nonexistent $RUN --memory 64m $ROOT touch /started; echo rc=\$?; ls ~/rootfs/started 2>&1")
    echo "$out"
    grep -q '^rc=125$' <<<"$out" || return 1
    grep -qx 'Error: cannot set --memory: no systemd user session: loginctl enable-linger tester (and log in again), or set DBUS_SESSION_BUS_ADDRESS' <<<"$out" || return 1
    grep -q 'No such file' <<<"$out" || { echo "the container ran"; return 1; }
    no_units
}

t_no_bus_no_limit() {
    # No bus and no limit: runs, silently, without a cgroup of its own.
    local out
    out=$(vm "env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR=/nonexistent $RUN $ROOT echo ran 2>&1; echo rc=\$?")
    echo "$out"
    [ "$out" = $'ran\nrc=0' ]
}

t_sigkill_nook() {
    # nook killed with SIGKILL: the container dies with it and the scope is collected.
    local out
    out=$(vm "$RUN $ROOT sleep 300 & n=\$!
              for i in \$(seq 1 100); do systemctl --user list-units --no-legend 'nook-*' | grep -q scope && break; sleep 0.1; done
              echo before=\$(systemctl --user list-units --no-legend 'nook-*' | wc -l)
              kill -9 \$n; wait \$n; echo killed=\$?
              sleep 1; echo sleepers=\$(pgrep -c -x sleep)")
    echo "$out"
    grep -q '^before=1$' <<<"$out" && grep -q '^killed=137$' <<<"$out" && grep -q '^sleepers=0$' <<<"$out" || return 1
    no_units
}

t_cgroupfs_delegated() {
    # No bus, but nook runs in a delegated cgroup v2 subtree (a scope with Delegate=yes, as
    # inside another container or a batch job): the cgroupfs manager enforces the limit.
    local out
    out=$(vm "systemd-run --user --scope -q -p Delegate=yes env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR=/nonexistent $RUN --memory 64m $ROOT tail /dev/zero; echo rc=\$?")
    echo "$out"
    grep -q '^rc=137$' <<<"$out" &&
        grep -qx 'container was killed by the kernel: out of memory (limit 64 MiB)' <<<"$out"
}

t_cgroups_disabled() {
    local out
    out=$(vm "$RUN --cgroups=disabled $ROOT cat /proc/self/cgroup; echo rc=\$?")
    echo "$out"
    grep -q '^rc=0$' <<<"$out" && ! grep -q 'nook-' <<<"$out"
}

t_stats() {
    # nook stats reads the container's own cgroup (its scope's `container` child): the memory
    # limit, the usage and the processes (nook's reaper and the command).
    local out
    out=$(vm "$RUN --init --name st --memory 64m $ROOT sleep 60 & n=\$!
              for i in \$(seq 1 100); do /host/nook exec st true 2>/dev/null && break; sleep 0.1; done
              /host/nook stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.PIDs}}' st
              /host/nook stats --no-stream st | head -n 1
              kill \$n; wait \$n")
    echo "$out"
    grep -Eq '^st [0-9.]+[kMG]?B / 67.11MB 2$' <<<"$out" &&
        grep -q '^ID .*NAME .*CPU % .*MEM USAGE / LIMIT .*PIDS$' <<<"$out"
}

t_latency() {
    # Start latency of run --rm true, with and without the scope (median of 5; a report).
    local out
    # Interleaved, so that a busier moment of the emulator weighs on both alike.
    out=$(vm "for i in 1 2 3 4 5; do
                  for mode in enabled disabled; do
                      s=\$(date +%s%N); $RUN --cgroups=\$mode $ROOT true || exit 1; e=\$(date +%s%N)
                      echo \$mode \$(( (e - s) / 1000000 ))
                  done
              done")
    echo "$out" | awk '{ t[$1] = t[$1] " " $2 }
        END { for (m in t) print m ":" t[m] }'
    local med_en med_dis
    med_en=$(awk '$1=="enabled"{print $2}' <<<"$out" | sort -n | sed -n 3p)
    med_dis=$(awk '$1=="disabled"{print $2}' <<<"$out" | sort -n | sed -n 3p)
    [ -n "$med_en" ] && [ -n "$med_dis" ] || return 1
    echo "start latency (median of 5, ms, TCG guest): scope $med_en, --cgroups=disabled $med_dis"
}

case_ lingering-over-ssh t_lingering_ssh
case_ scope-and-cgroup-namespace t_scope_and_namespace
case_ oom-kill-137 t_oom
case_ memory-under-limit-stats t_memory_under_limit
case_ fork-bomb-pids-limit t_pids_limit
case_ cpus-half t_cpus_half
case_ no-bus-limit-error t_no_bus_limit_error
case_ no-bus-no-limit-silent t_no_bus_no_limit
case_ sigkill-nook-scope-gone t_sigkill_nook
case_ cgroupfs-in-delegated-subtree t_cgroupfs_delegated
case_ cgroups-disabled t_cgroups_disabled
case_ stats-from-the-scope t_stats
case_ start-latency t_latency

# Services at login: ~/.config/nook/systemd/NAME.container files, the generator the package
# installs (/usr/lib/systemd/user-generators/nook-user-generator, a link into the share
# here), `systemctl --user`. The container catches SIGTERM (a shell's trap), as a service
# that stops cleanly does.
SVC_EXEC="Exec=sh -c 'trap \"exit 0\" TERM; echo started; while :; do sleep 1; done'"
svc_file() { # svc_file NAME [EXTRA [Service] LINES]: write NAME.container and reload
    vm "mkdir -p ~/.config/nook/systemd && printf '%s\n' '[Unit]' 'Description=nook VM test $1' \
        '[Container]' 'Rootfs=/home/tester/rootfs' 'Network=none' $(printf '%q' "$SVC_EXEC") \
        '[Service]' 'RestartSec=1' ${2:+$(printf '%q' "$2")} '[Install]' 'WantedBy=default.target' \
        > ~/.config/nook/systemd/$1.container && systemctl --user daemon-reload"
}
svc_pid1() { # the container's PID 1 (the shell) of the unit NAME: its main pid's grandchild
    vm "for i in \$(seq 1 100); do
            p=\$(pgrep -u tester -f '^sh -c trap' | head -n 1)
            [ -n \"\$p\" ] && grep -q '/$1.service/container\$' /proc/\$p/cgroup 2>/dev/null && { echo \$p; exit 0; }
            sleep 0.1
        done; exit 1"
}
svc_clean() { vm "systemctl --user stop $1.service; systemctl --user reset-failed $1.service; rm -f ~/.config/nook/systemd/$1.container; systemctl --user daemon-reload" >/dev/null 2>&1; }

t_service_runs_in_its_unit() {
    # The generated unit starts (Type=notify: `start` returns once nook says READY=1), the
    # container's PID 1 is in the unit's own cgroup (its `container` child: no scope), and
    # `systemctl --user stop` ends it cleanly: inactive, not failed, nothing left.
    local out cg pid
    svc_file web || { echo "cannot write the file"; return 1; }
    out=$(vm "systemctl --user is-enabled web.service; systemctl --user cat web.service | grep -E '^(ExecStart|Delegate|Type|KillMode)='")
    echo "$out"
    grep -q '^generated$' <<<"$out" || { echo "not generated/enabled"; svc_clean web; return 1; }
    grep -q 'run --rm --replace --name=systemd-web --cgroups=split --sdnotify=conmon' <<<"$out" || { svc_clean web; return 1; }
    local s e
    s=$(date +%s%N)
    vm "systemctl --user start web.service" || { vm "systemctl --user status web.service"; svc_clean web; return 1; }
    e=$(date +%s%N)
    cg=$(vm "systemctl --user show -p ControlGroup --value web.service")
    pid=$(svc_pid1 web) || { echo "no container PID 1 under $cg"; vm "systemctl --user status web.service"; svc_clean web; return 1; }
    out=$(vm "echo active=\$(systemctl --user is-active web.service)
              echo pid1=\$(cat /proc/$pid/cgroup)
              echo main=\$(cat /proc/\$(systemctl --user show -p MainPID --value web.service)/cgroup)
              echo scopes=\$(systemctl --user list-units --no-legend 'nook-*' | wc -l)
              echo wanted=\$(systemctl --user list-dependencies default.target --plain --no-legend | grep -c web.service)")
    echo "cgroup=$cg"; echo "$out"
    grep -q '^active=active$' <<<"$out" &&
        grep -qx "pid1=0::$cg/container" <<<"$out" &&
        grep -qx "main=0::$cg/supervisor" <<<"$out" &&
        grep -q '^scopes=0$' <<<"$out" && grep -q '^wanted=1$' <<<"$out" ||
        { svc_clean web; return 1; }
    out=$(vm "systemctl --user stop web.service; echo stop=\$?
              echo state=\$(systemctl --user is-active web.service) result=\$(systemctl --user show -p Result --value web.service)
              echo left=\$(pgrep -u tester -c -f '^sh -c trap')
              echo cgroup=\$(test -d /sys/fs/cgroup$cg && echo kept || echo gone)
              echo records=\$(/usr/bin/nook ps -a --format '{{.Names}}' | grep -c systemd-web)")
    echo "$out"
    svc_clean web
    grep -q '^stop=0$' <<<"$out" && grep -q '^state=inactive result=success$' <<<"$out" &&
        grep -q '^left=0$' <<<"$out" && grep -q '^cgroup=gone$' <<<"$out" && grep -q '^records=0$' <<<"$out" || return 1
    echo "systemctl --user start until READY: $(( (e - s) / 1000000 )) ms (TCG guest)"
}

t_service_restarts_on_failure() {
    # Restart=on-failure: the container's PID 1 killed (nook run ends 137), systemd starts
    # the unit again (--replace takes the name back), a new PID 1 runs.
    local out first second
    svc_file rs 'Restart=on-failure' || return 1
    vm "systemctl --user start rs.service" || { vm "systemctl --user status rs.service"; svc_clean rs; return 1; }
    first=$(svc_pid1 rs) || { echo "no first PID 1"; svc_clean rs; return 1; }
    vm "kill -9 $first"
    out=$(vm "for i in \$(seq 1 300); do
                  [ \"\$(systemctl --user show -p NRestarts --value rs.service)\" -ge 1 ] &&
                      [ \"\$(systemctl --user is-active rs.service)\" = active ] && break
                  sleep 0.1
              done
              echo restarts=\$(systemctl --user show -p NRestarts --value rs.service) active=\$(systemctl --user is-active rs.service)")
    echo "$out"
    second=$(svc_pid1 rs) || { echo "no PID 1 after the restart"; svc_clean rs; return 1; }
    echo "PID 1 before: $first, after: $second"
    out=$(vm "systemctl --user stop rs.service; echo state=\$(systemctl --user is-active rs.service) result=\$(systemctl --user show -p Result --value rs.service)")
    echo "$out"
    svc_clean rs
    [ "$first" != "$second" ] && grep -q '^state=inactive result=success$' <<<"$out"
}

t_service_bad_file() {
    # A file with an unknown key makes no unit, and the generator names FILE:LINE: KEY (in
    # the user's journal at daemon-reload, and run by hand); the good file beside it still
    # gets its unit.
    local out
    svc_file good || return 1
    out=$(vm "printf '[Container]\nRootfs=/home/tester/rootfs\nMemry=64m\n' > ~/.config/nook/systemd/bad.container
              systemctl --user daemon-reload
              systemctl --user cat bad.service >/dev/null 2>&1; echo bad_unit=\$?
              systemctl --user cat good.service >/dev/null 2>&1; echo good_unit=\$?
              echo journal=\$(journalctl --user -b --no-pager -o cat | grep -c 'nook-generator: .*/bad.container:3: Memry: ')
              d=\$(mktemp -d); /usr/lib/systemd/user-generators/nook-user-generator \$d \$d \$d; echo rc=\$?; ls \$d; rm -rf \$d
              rm -f ~/.config/nook/systemd/bad.container" 2>&1)
    echo "$out"
    svc_clean good
    grep -q '^bad_unit=1$' <<<"$out" && grep -q '^good_unit=0$' <<<"$out" && grep -q '^rc=1$' <<<"$out" &&
        grep -q '^journal=[1-9]' <<<"$out" &&
        grep -qx 'nook-generator: /home/tester/.config/nook/systemd/bad.container:3: Memry: unknown key in \[Container\]: nook-systemd.unit(5) lists the keys nook reads; no unit made of it' <<<"$out" &&
        grep -qx 'good.service' <<<"$out" && ! grep -q '^bad.service$' <<<"$out"
}

case_ service-runs-in-its-unit t_service_runs_in_its_unit
case_ service-restarts-on-failure t_service_restarts_on_failure
case_ service-bad-file-no-unit t_service_bad_file

# Slurm in the guest as a site runs it on cgroup v2: munge, slurmctld and slurmd started by
# systemd (Debian's slurmd.service has Delegate=yes), ProctrackType=proctrack/cgroup,
# TaskPlugin=task/cgroup, ConstrainRAMSpace=yes (tests/vm/image.sh writes the files).
slurm_up() { # the node is idle (at most 120 s: the daemons start late under emulation)
    vm "for i in \$(seq 1 240); do [ \"\$(sinfo -h -N -o %T 2>/dev/null)\" = idle ] && exit 0; sleep 0.5; done
        sinfo -N; systemctl status munge slurmctld slurmd --no-pager; exit 1"
}

t_slurm_cgroup_setup() {
    # The site's configuration is what the case below relies on.
    local out
    slurm_up || return 1
    out=$(vm "scontrol show config | grep -E '^(ProctrackType|TaskPlugin) '
              grep -E '^(CgroupPlugin|ConstrainRAMSpace)=' /etc/slurm/cgroup.conf
              echo delegate=\$(systemctl show -p Delegate --value slurmd.service)
              echo units=\$(systemctl is-active munge slurmctld slurmd | tr '\n' ' ')")
    echo "$out"
    grep -Eq '^ProctrackType +=.*proctrack/cgroup' <<<"$out" && grep -Eq '^TaskPlugin +=.*task/cgroup' <<<"$out" &&
        grep -q '^CgroupPlugin=cgroup/v2$' <<<"$out" && grep -q '^ConstrainRAMSpace=yes$' <<<"$out" &&
        grep -q '^delegate=yes$' <<<"$out" && grep -q '^units=active active active$' <<<"$out" || return 1
    echo "slurmd (Delegate=yes), slurmctld and munge under systemd; proctrack/cgroup, task/cgroup, cgroup/v2"
}

t_slurm_oom_job_limit() {
    # A job with --mem=64M whose container eats memory: the JOB's limit kills it (137 and
    # nook's line), though the user's bus is there (srun passes DBUS_SESSION_BUS_ADDRESS on)
    # no nook-* scope or cgroup appears under the user's manager, and the container stays in
    # the step's task cgroup. A watcher polls the user manager for the whole run.
    local out
    slurm_up || return 1
    out=$(vm "rm -f /tmp/watch.done /tmp/watch.log
              ( while [ ! -e /tmp/watch.done ]; do
                    systemctl --user list-units --all --no-legend 'nook-*'
                    find /sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service -name 'nook-*'
                    sleep 0.2
                done >/tmp/watch.log 2>&1 ) &
              srun --mem=64M --time=5 bash -c '
                  echo job=\$SLURM_JOB_ID bus=\$DBUS_SESSION_BUS_ADDRESS
                  test -S /run/user/1000/bus && echo bus-socket=yes
                  t=\$(cut -d: -f3 /proc/self/cgroup); echo task=\$t
                  echo job_max=\$(cat /sys/fs/cgroup\${t%/step_*}/memory.max)
                  ( for i in \$(seq 1 200); do p=\$(pgrep -n -u tester -fx \"sleep 2\") && break; sleep 0.05; done
                    echo ctr=\$(cut -d: -f3 /proc/\$p/cgroup) ) &
                  $RUN $ROOT sh -c \"sleep 2; exec tail /dev/zero\"
                  echo rc=\$?
                  wait' 2>&1
              echo srun=\$?
              touch /tmp/watch.done; sleep 0.5
              echo watched=\$(grep -c . /tmp/watch.log)
              echo units=\$(systemctl --user list-units --all --no-legend 'nook-*' | wc -l)")
    echo "$out"
    local task
    task=$(sed -n 's/^task=//p' <<<"$out")
    grep -Eq '^job=[0-9]+ bus=unix:path=/run/user/1000/bus$' <<<"$out" && grep -q '^bus-socket=yes$' <<<"$out" ||
        { echo "no user bus in the job"; return 1; }
    grep -Eq '/job_[0-9]+/step_0/user/task_0$' <<<"$task" || { echo "not in a task cgroup: $task"; return 1; }
    grep -q '^job_max=67108864$' <<<"$out" || { echo "the job's memory.max is not 64 MiB"; return 1; }
    grep -q "^ctr=$task\$" <<<"$out" || { echo "the container left the step's cgroup"; return 1; }
    grep -q '^rc=137$' <<<"$out" || return 1
    grep -qx 'container was killed by the kernel: out of memory (limit 64 MiB)' <<<"$out" || return 1
    grep -q 'oom-kill event' <<<"$out" || { echo "slurmstepd saw no OOM kill in the step"; return 1; }
    grep -q '^watched=0$' <<<"$out" && grep -q '^units=0$' <<<"$out" || { echo "a nook unit or cgroup appeared"; return 1; }
    echo "killed by the job's 64 MiB in $task: 137, nook's line, no nook-* scope"
}

case_ slurm-cgroup-v2-setup t_slurm_cgroup_setup
case_ slurm-job-mem-limit-oom-no-scope t_slurm_oom_job_limit
