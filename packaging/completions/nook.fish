# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nook_global_optspecs
    string join \n root= runroot= storage-driver= cgroup-manager= log-level= D/debug remote url= connection= volumepath= noout out= events-backend= tmpdir= runtime= runtime-flag= h/help V/version
end

function __fish_nook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nook_using_subcommand
    set -l cmd (__fish_nook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nook -n "__fish_nook_needs_command" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_needs_command" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_needs_command" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_needs_command" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_needs_command" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_needs_command" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_needs_command" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_needs_command" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_needs_command" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_needs_command" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_needs_command" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_needs_command" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_needs_command" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_needs_command" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_needs_command" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_needs_command" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_needs_command" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c nook -n "__fish_nook_needs_command" -f -a "build" -d 'Build an image from a Containerfile'
complete -c nook -n "__fish_nook_needs_command" -f -a "push" -d 'Send an image to a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "save" -d 'Write images to an archive (docker-archive, oci-archive) or an OCI layout directory'
complete -c nook -n "__fish_nook_needs_command" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c nook -n "__fish_nook_needs_command" -f -a "import" -d 'Make an image of a tarball'
complete -c nook -n "__fish_nook_needs_command" -f -a "export" -d 'Write a stopped container\'s file system as a tar'
complete -c nook -n "__fish_nook_needs_command" -f -a "info" -d 'Show what this machine offers to rootless containers, and how to fix what is missing'
complete -c nook -n "__fish_nook_needs_command" -f -a "ps" -d 'List containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "rm" -d 'Remove containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "create" -d 'Create a container without starting it (flags as nook run\'s)'
complete -c nook -n "__fish_nook_needs_command" -f -a "start" -d 'Start created or stopped containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "stop" -d 'Stop running containers: their stop signal, then SIGKILL after the timeout'
complete -c nook -n "__fish_nook_needs_command" -f -a "restart" -d 'Stop and start containers again'
complete -c nook -n "__fish_nook_needs_command" -f -a "kill" -d 'Send a signal to running containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "wait" -d 'Wait for containers to end and print their exit codes'
complete -c nook -n "__fish_nook_needs_command" -f -a "rename" -d 'Give a container a new name'
complete -c nook -n "__fish_nook_needs_command" -f -a "logs" -d 'Show a container\'s output'
complete -c nook -n "__fish_nook_needs_command" -f -a "pause" -d 'Freeze running containers (cgroup freezer)'
complete -c nook -n "__fish_nook_needs_command" -f -a "unpause" -d 'Thaw paused containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "attach" -d 'Follow a running container\'s output and send it your input (ctrl-p ctrl-q detaches)'
complete -c nook -n "__fish_nook_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c nook -n "__fish_nook_needs_command" -f -a "inspect" -d 'Show containers, images or volumes as JSON or through a --format template'
complete -c nook -n "__fish_nook_needs_command" -f -a "container" -d 'Manage containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "version" -d 'Show nook\'s version as podman shows its own'
complete -c nook -n "__fish_nook_needs_command" -f -a "load" -d 'Load images from a docker-archive, an oci-archive or an OCI layout directory'
complete -c nook -n "__fish_nook_needs_command" -f -a "images" -d 'List images'
complete -c nook -n "__fish_nook_needs_command" -f -a "rmi" -d 'Remove images'
complete -c nook -n "__fish_nook_needs_command" -f -a "tag" -d 'Give an image more names'
complete -c nook -n "__fish_nook_needs_command" -f -a "untag" -d 'Remove names from an image'
complete -c nook -n "__fish_nook_needs_command" -f -a "image" -d 'Manage images'
complete -c nook -n "__fish_nook_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "login" -d 'Log in to a registry (credentials are stored in auth.json, like podman\'s)'
complete -c nook -n "__fish_nook_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c nook -n "__fish_nook_needs_command" -f -a "network" -d 'Manage bridge networks'
complete -c nook -n "__fish_nook_needs_command" -f -a "pod" -d 'Manage pods: containers that share namespaces held by an infra container'
complete -c nook -n "__fish_nook_needs_command" -f -a "unshare" -d 'Run a command in a user namespace mapped like a container\'s (files of subordinate ids)'
complete -c nook -n "__fish_nook_needs_command" -f -a "system" -d 'Manage nook\'s storage as a whole'
complete -c nook -n "__fish_nook_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c nook -n "__fish_nook_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c nook -n "__fish_nook_needs_command" -f -a "top" -d 'Show the processes of a running container'
complete -c nook -n "__fish_nook_needs_command" -f -a "stats" -d 'Show the resource use of running containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "healthcheck" -d 'Run containers\' healthchecks'
complete -c nook -n "__fish_nook_needs_command" -f -a "state" -d 'Print a container\'s OCI runtime state (JSON), for batch schedulers\' OCI interface'
complete -c nook -n "__fish_nook_needs_command" -f -a "delete" -d 'Remove a container (--force: kill it first), for batch schedulers\' OCI interface'
complete -c nook -n "__fish_nook_using_subcommand run" -l bundle -d 'Run the OCI runtime bundle DIR (DIR/config.json: root.path, process, hostname, bind mounts; no network namespace: the host\'s network) with nook\'s own user namespace; the one word after it, if any, names the container (as runc\'s ID; or --name)' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l pull -d 'When to pull the image: missing (when the store lacks it), always, never' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'
newer\t'Pull when the registry\'s image differs from the stored one; a stored image is used when the registry cannot be reached'"
complete -c nook -n "__fish_nook_using_subcommand run" -l platform -d 'Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -s v -l volume -d 'Bind a host directory or file, or a named volume (created on first use), into the container: HOST-PATH:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l mount -d 'Attach a mount: type=bind,source=HOST-PATH,target=DIR[,readonly], type=volume,source=NAME,target=DIR[,readonly] or type=tmpfs,target=DIR[,tmpfs-size=SIZE] (type=devpts,target=/dev/pts is accepted: the container has its own)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tmpfs -d 'Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default rw,noexec,nosuid,nodev)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only (--read-only=false: read-write; default: containers.conf\'s read_only, else false)' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run (the default); --read-only-tmpfs=false leaves them read-only too' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s e -l env -d 'Set an environment variable (NAME=VALUE; NAME alone copies the host\'s value)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s u -l user -d 'Run as this user and group (names from the container\'s /etc/passwd and /etc/group)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s h -l hostname -d 'Container host name (default: the start of the container ID)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cap-add -d 'Add a capability to the default set (ALL for every one)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cap-drop -d 'Drop a capability from the default set (ALL for every one)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json (docker/OCI format), mask=PATH[:PATH...], unmask=PATH[:PATH...] or unmask=ALL; label=disable and apparmor=unconfined are accepted (nook applies neither SELinux labels nor AppArmor)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l network -d 'Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when installed), pasta[:OPTIONS], none (own namespace, loopback only), host, container:NAME (that running container\'s network namespace), ns:PATH (the network namespace at PATH, e.g. /proc/PID/ns/net of a container of yours), or bridge networks by name (NAME[,NAME2], or NAME:ip=IP,alias=ALIAS; bridge is the default network, nook); repeat it for several bridge networks' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l ip -d 'The container\'s address on its (first) bridge network' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l network-alias -d 'Another name of the container on its bridge networks' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges as 8000-8002:80-82. Without HOSTIP the port listens on all the host\'s addresses, as in podman (8080:80 is reachable from other machines); 127.0.0.1:8080:80 publishes on loopback only' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf (default: the network\'s forwarder)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-option -d 'DNS resolver option (as in resolv.conf\'s options line)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l add-host -d 'Add a line to the container\'s /etc/hosts' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l userns -d 'User namespace mode: keep-id maps your uid and gid to the same ids inside; auto (auto:size=N) gives the container a range of your subordinate ids no other running container has; nomap leaves your own uid and gid unmapped (default: containers.conf\'s userns, else host)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s m -l memory -d 'Memory limit, as in 64m or 1g (the kernel kills the container past it)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l memory-reservation -d 'Memory the kernel reclaims from others first (memory.low)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cpus -d 'Number of CPUs the container may use, as in 0.5 or 2 (cpu.max)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s c -l cpu-shares -d 'CPU shares, 2 to 262144 (default 1024), converted to cpu.weight' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cpu-weight -d 'CPU weight, 1 to 10000 (default 100)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on, as in 0-2,4' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l pids-limit -d 'Most processes the container may have (-1: no limit)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l device-read-bps -d 'Limit reads from a block device, as in /dev/sda:10mb' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l device-write-bps -d 'Limit writes to a block device, as in /dev/sda:10mb' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cgroups -d 'Give the container a cgroup of its own (disabled: none, and no limits)' -r -f -a "enabled\t'A cgroup per container when one can be had (default)'
disabled\t'No cgroup of its own: the container stays in nook\'s (no limits)'
split\t'Split nook\'s own cgroup (a systemd unit\'s, with Delegate=yes) in two: nook waits in one child, the container runs in the other; no scope of its own'"
complete -c nook -n "__fish_nook_using_subcommand run" -l sdnotify -d 'Under a systemd unit of Type=notify: conmon tells systemd the container is up once its process runs (READY=1 on $NOTIFY_SOCKET); ignore tells nothing' -r -f -a "conmon\t'nook, once the container\'s process runs (podman\'s name: its monitor, conmon)'
ignore\t'Nobody'"
complete -c nook -n "__fish_nook_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always or unless-stopped' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s l -l label -d 'Set a label on the container' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l annotation -d 'Set an annotation on the container' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l stop-signal -d 'The signal `nook stop` sends first (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l stop-timeout -d 'Seconds `nook stop` waits before it kills the container (default 10)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l log-driver -d 'Where the container\'s output goes: k8s-file (default), journald, none or passthrough' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l log-opt -d 'Log driver options: max-size=SIZE rotates the log file at that size' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cidfile -d 'Write the container\'s ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMS] (a bind of the host node, as rootless podman does: the host\'s permissions of the node apply, PERMS of r, w, m cannot narrow them), a directory of devices, or a CDI device VENDOR/CLASS=NAME (NAME=all for every one) from the specs in /etc/cdi and /var/run/cdi' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l gpus -d 'GPUs to add through NVIDIA\'s CDI spec: all, or a comma-separated list of indexes or names (nvidia.com/gpu=...); the spec comes from `nvidia-ctk cdi generate`' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cdi-spec-dir -d 'Directory of CDI specs, instead of /etc/cdi and /var/run/cdi (repeatable; also NOOK_CDI_SPEC_DIRS, colon-separated)' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l group-add -d 'Add a supplementary group (a name from the container\'s /etc/group, or a number); keep-groups keeps your own supplementary groups (they show as nogroup inside)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l shm-size -d 'Size of /dev/shm, as in 256m or 1g (default 64m)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l ipc -d 'IPC namespace: private or shareable (the default: one of its own), host (the host\'s System V IPC and its /dev/shm) or container:NAME (a running container\'s System V IPC, message queues and /dev/shm; the two then share its user namespace)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l pid -d 'PID namespace: private (the default), host (the host\'s processes, its /proc) or container:NAME (a running container\'s processes)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l uts -d 'UTS namespace: private (the default) or host (the host\'s name)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD] (nofile, nproc, core, memlock, stack, ...; -1 for unlimited), or host to keep yours. By default nofile and nproc are raised to your hard limits' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l http-proxy -d 'Pass your proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case forms) into the container, under the image\'s Env, -e and --env-file; false passes none' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -l tz -d 'Time zone of the container: local (the host\'s) or a zone such as Europe/Berlin' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l uidmap -d 'Map container ids to ids of your user namespace range: CONTAINER:FROM:COUNT, where FROM 0 is you and 1 on are your subordinate ids (as in rootless podman)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l gidmap -d 'As --uidmap, for group ids (default: the same as --uidmap)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l volumes-from -d 'Mount the volumes and binds of another container at the same places: CONTAINER[:ro|rw] (default: each as that container has it)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l systemd -d 'Systemd mode (tmpfs on /run and /tmp): true (when the command is /sbin/init or systemd), false, or always' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l oom-score-adj -d 'The container\'s OOM killer score adjustment (-1000 to 1000); below your own it is raised to yours, with a warning (default: containers.conf\'s oom_score_adj)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l kernel-memory -d 'Ignored with a warning, as podman does (cgroup v2 has no kernel memory limit)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l device-cgroup-rule -d 'Refused, as rootless podman does: device cgroup rules need root' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l umask -d 'The command\'s umask, in octal (default: 0022, as podman)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l preserve-fds -d 'Pass descriptors 3 to 3+N-1 of nook\'s own to the command (all must be open; not with --detach)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s a -l attach -d 'Attach only these streams (stdin, stdout, stderr; repeatable): what is left out goes to /dev/null, and without stdout the container\'s ID is printed, as podman' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l timeout -d 'Stop the container (SIGKILL) after SECONDS: exit code 255, as podman' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l pod -d 'Run in the pod POD (name or ID; new:NAME makes it first): join the namespaces its infra container holds (network, IPC, host name by default), which starts if it is not running; ports are the pod\'s (`nook pod create -p`)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l health-cmd -d 'The check to run inside the container: a shell command, a JSON array (\'["CMD","arg"]\') or none (turns the image\'s HEALTHCHECK off)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l health-interval -d 'Time between checks (default 30s; disable: no periodic checks, only nook healthcheck run)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l health-retries -d 'Failures in a row before the container is unhealthy (default 3)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l health-start-period -d 'Time after the start in which failures do not count (default 0s)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand run" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand run" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l rootfs -d 'The first argument is a directory to use as the root file system, not an image'
complete -c nook -n "__fish_nook_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c nook -n "__fish_nook_using_subcommand run" -s i -l interactive -d 'Keep standard input open and pass it to the container'
complete -c nook -n "__fish_nook_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal for the container'
complete -c nook -n "__fish_nook_using_subcommand run" -l privileged -d 'Give the container every capability and no masked or read-only paths'
complete -c nook -n "__fish_nook_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c nook -n "__fish_nook_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a free host port (--rootfs directories expose none)'
complete -c nook -n "__fish_nook_using_subcommand run" -l stats -d 'On exit, print the container\'s peak memory, CPU time and throttled periods'
complete -c nook -n "__fish_nook_using_subcommand run" -l desktop -d 'Give the container your display and sound: the Wayland and X11 sockets (with the X cookie), PipeWire and PulseAudio, the /dev/dri nodes, each when the host has it, and your own uid inside (--userns keep-id unless --userns is given); nook info lists them'
complete -c nook -n "__fish_nook_using_subcommand run" -s d -l detach -d 'Run in the background and print the container\'s ID'
complete -c nook -n "__fish_nook_using_subcommand run" -l replace -d 'Replace a container of the same name (it is removed first, even running)'
complete -c nook -n "__fish_nook_using_subcommand run" -l env-host -d 'Pass your whole environment into the container (-e and --env-file still win)'
complete -c nook -n "__fish_nook_using_subcommand run" -s q -l quiet -d 'Accepted for podman\'s scripts: nook prints no pull progress where it is not asked for'
complete -c nook -n "__fish_nook_using_subcommand run" -l no-healthcheck -d 'No healthcheck, not even the image\'s'
complete -c nook -n "__fish_nook_using_subcommand run" -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand run" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand run" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand run" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand run" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand build" -s f -l file -d 'The Containerfile (default: Containerfile, else Dockerfile, in the context); several are joined; - is standard input' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -s t -l tag -d 'Name the image (several allowed); a name without a registry is localhost/NAME' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l build-arg -d 'Set a build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l target -d 'Build up to this stage (an AS name) only' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l pull -d 'Pull base images: always (--pull alone), missing, never (default "missing")' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'
newer\t'Pull when the registry\'s image differs from the stored one; a stored image is used when the registry cannot be reached'"
complete -c nook -n "__fish_nook_using_subcommand build" -l layers -d 'Keep and reuse each step\'s layer (default: true, else $BUILDAH_LAYERS); false: no cached step is used nor stored' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand build" -l jobs -d 'Stages built at once: accepted as podman\'s; nook builds the stages one after another' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l logfile -d 'Write the build\'s output (steps, RUN output, errors) to this file instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l ulimit -d 'A resource limit for RUN steps, as nook run --ulimit: NAME=SOFT[:HARD] (several allowed)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l security-opt -d 'A security option for RUN steps, as nook run --security-opt (seccomp=unconfined ...)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps, as nook run --cap-add' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps, as nook run --cap-drop' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l ignorefile -d 'Read the ignore patterns from this file instead of .containerignore/.dockerignore' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l network -d 'Network of RUN steps: private (as nook run gives), none, host, slirp4netns, pasta' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l format -d 'Manifest and config format of the image: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l platform -d 'Platform of the image: only this machine\'s (OS/ARCH) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand build" -l creds -d 'Credentials for pulling base images, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=NAME,src=FILE (mounted, never in a layer)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand build" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l no-cache -d 'Do not use cached steps (every step runs again)'
complete -c nook -n "__fish_nook_using_subcommand build" -l pull-always -d 'Pull base images every time (the same as --pull=always)'
complete -c nook -n "__fish_nook_using_subcommand build" -l pull-never -d 'Never pull base images: they must be in the store (the same as --pull=never)'
complete -c nook -n "__fish_nook_using_subcommand build" -s q -l quiet -d 'Print only the image ID (no steps, no RUN output)'
complete -c nook -n "__fish_nook_using_subcommand build" -l squash -d 'Squash the new layers of the final stage into one, on top of the base image\'s'
complete -c nook -n "__fish_nook_using_subcommand build" -l squash-all -d 'Squash all of the image\'s layers, the base image\'s too, into one'
complete -c nook -n "__fish_nook_using_subcommand build" -l zstd -d 'Compress new layers with zstd instead of gzip'
complete -c nook -n "__fish_nook_using_subcommand build" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand build" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand build" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand build" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand push" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l format -d 'Manifest format to send (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand push" -l compression-format -d 'Compression of the layers sent: only the stored one (gzip for images nook builds) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand push" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c nook -n "__fish_nook_using_subcommand push" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand push" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand push" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand push" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand save" -s o -l output -d 'Write to this file (or directory, for oci-dir); default: standard output' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker load\'s tar (manifest.json, configs, uncompressed layers)'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout in a directory'"
complete -c nook -n "__fish_nook_using_subcommand save" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand save" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand save" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand save" -s q -l quiet -d 'Print nothing'
complete -c nook -n "__fish_nook_using_subcommand save" -s m -l multi-image-archive -d 'Several images in one docker-archive (podman\'s -m; nook\'s docker-archive holds every image given either way, and `load` loads them all)'
complete -c nook -n "__fish_nook_using_subcommand save" -l uncompressed -d 'Layers uncompressed in an oci-archive or oci-dir (docker-archive\'s always are)'
complete -c nook -n "__fish_nook_using_subcommand save" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand save" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand save" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand save" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand commit" -s c -l change -d 'Apply a Containerfile instruction to the config (ENV, CMD, ENTRYPOINT, LABEL, USER, WORKDIR, EXPOSE, VOLUME...)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s m -l message -d 'The commit message, kept in the image\'s history and config (docker format only: with -f docker, as podman\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s a -l author -d 'The author, kept in the image\'s config' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s f -l format -d 'Manifest and config format: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand commit" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand commit" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand commit" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand commit" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand commit" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand commit" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand commit" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand commit" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand commit" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand commit" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand commit" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand import" -s c -l change -d 'Apply a Containerfile instruction to the config (CMD, ENV, ...)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -s m -l message -d 'The commit message, kept in the image\'s history' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand import" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand import" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand import" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand import" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand import" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand import" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand import" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand import" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand import" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand import" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand export" -s o -l output -d 'Write to this file (default: standard output)' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand export" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand export" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand export" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand export" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand export" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand export" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand info" -s f -l format -d '`table`, `json`, or a Go template over the JSON (`{{.Host.Security.Rootless}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand info" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand info" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand info" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand info" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand info" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand info" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand info" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand info" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand info" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand info" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand info" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand ps" -s n -l last -d 'Show the N latest containers made (of any state)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -s f -l filter -d 'Show only the containers that match: name=, id=, status=, label=, ancestor=, exited= (several of one key: any; of different keys: all)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l format -d '`json`, a Go template (`{{.Names}}`), or `table TEMPLATE` (with a header row)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l sort -d 'Order by command, created, id, image, names, runningfor, size or status' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand ps" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand ps" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand ps" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand ps" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand ps" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand ps" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand ps" -s a -l all -d 'Show containers of every state (default: the running ones)'
complete -c nook -n "__fish_nook_using_subcommand ps" -s q -l quiet -d 'Print the IDs only'
complete -c nook -n "__fish_nook_using_subcommand ps" -s l -l latest -d 'Show the latest container made (of any state)'
complete -c nook -n "__fish_nook_using_subcommand ps" -l no-trunc -d 'Do not shorten IDs and commands'
complete -c nook -n "__fish_nook_using_subcommand ps" -s s -l size -d 'Show the size of each container\'s own files, and with its image\'s'
complete -c nook -n "__fish_nook_using_subcommand ps" -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand ps" -l external -d 'Accepted for podman\'s scripts: nook has no containers of other tools to show'
complete -c nook -n "__fish_nook_using_subcommand ps" -s p -l pod -d 'Show the pod of each container (POD ID and PODNAME columns)'
complete -c nook -n "__fish_nook_using_subcommand ps" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand ps" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand ps" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand ps" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand rm" -s t -l time -d 'Seconds to wait for a running container to stop before it is killed (with -f)' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand rm" -s a -l all -d 'Remove all containers (with -f, running ones too)'
complete -c nook -n "__fish_nook_using_subcommand rm" -s f -l force -d 'Stop and remove running containers too; a missing container is no error'
complete -c nook -n "__fish_nook_using_subcommand rm" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes (`-v /path`) with it'
complete -c nook -n "__fish_nook_using_subcommand rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand create" -l bundle -d 'Run the OCI runtime bundle DIR (DIR/config.json: root.path, process, hostname, bind mounts; no network namespace: the host\'s network) with nook\'s own user namespace; the one word after it, if any, names the container (as runc\'s ID; or --name)' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l pull -d 'When to pull the image: missing (when the store lacks it), always, never' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'
newer\t'Pull when the registry\'s image differs from the stored one; a stored image is used when the registry cannot be reached'"
complete -c nook -n "__fish_nook_using_subcommand create" -l platform -d 'Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand create" -s v -l volume -d 'Bind a host directory or file, or a named volume (created on first use), into the container: HOST-PATH:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l mount -d 'Attach a mount: type=bind,source=HOST-PATH,target=DIR[,readonly], type=volume,source=NAME,target=DIR[,readonly] or type=tmpfs,target=DIR[,tmpfs-size=SIZE] (type=devpts,target=/dev/pts is accepted: the container has its own)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l tmpfs -d 'Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default rw,noexec,nosuid,nodev)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l read-only -d 'Mount the container\'s root file system read-only (--read-only=false: read-write; default: containers.conf\'s read_only, else false)' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run (the default); --read-only-tmpfs=false leaves them read-only too' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s e -l env -d 'Set an environment variable (NAME=VALUE; NAME alone copies the host\'s value)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s u -l user -d 'Run as this user and group (names from the container\'s /etc/passwd and /etc/group)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s h -l hostname -d 'Container host name (default: the start of the container ID)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cap-add -d 'Add a capability to the default set (ALL for every one)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cap-drop -d 'Drop a capability from the default set (ALL for every one)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json (docker/OCI format), mask=PATH[:PATH...], unmask=PATH[:PATH...] or unmask=ALL; label=disable and apparmor=unconfined are accepted (nook applies neither SELinux labels nor AppArmor)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l network -d 'Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when installed), pasta[:OPTIONS], none (own namespace, loopback only), host, container:NAME (that running container\'s network namespace), ns:PATH (the network namespace at PATH, e.g. /proc/PID/ns/net of a container of yours), or bridge networks by name (NAME[,NAME2], or NAME:ip=IP,alias=ALIAS; bridge is the default network, nook); repeat it for several bridge networks' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l ip -d 'The container\'s address on its (first) bridge network' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l network-alias -d 'Another name of the container on its bridge networks' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s p -l publish -d 'Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges as 8000-8002:80-82. Without HOSTIP the port listens on all the host\'s addresses, as in podman (8080:80 is reachable from other machines); 127.0.0.1:8080:80 publishes on loopback only' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l dns -d 'DNS server for the container\'s /etc/resolv.conf (default: the network\'s forwarder)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l dns-option -d 'DNS resolver option (as in resolv.conf\'s options line)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l add-host -d 'Add a line to the container\'s /etc/hosts' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l userns -d 'User namespace mode: keep-id maps your uid and gid to the same ids inside; auto (auto:size=N) gives the container a range of your subordinate ids no other running container has; nomap leaves your own uid and gid unmapped (default: containers.conf\'s userns, else host)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s m -l memory -d 'Memory limit, as in 64m or 1g (the kernel kills the container past it)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l memory-reservation -d 'Memory the kernel reclaims from others first (memory.low)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cpus -d 'Number of CPUs the container may use, as in 0.5 or 2 (cpu.max)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s c -l cpu-shares -d 'CPU shares, 2 to 262144 (default 1024), converted to cpu.weight' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cpu-weight -d 'CPU weight, 1 to 10000 (default 100)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on, as in 0-2,4' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l pids-limit -d 'Most processes the container may have (-1: no limit)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l device-read-bps -d 'Limit reads from a block device, as in /dev/sda:10mb' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l device-write-bps -d 'Limit writes to a block device, as in /dev/sda:10mb' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cgroups -d 'Give the container a cgroup of its own (disabled: none, and no limits)' -r -f -a "enabled\t'A cgroup per container when one can be had (default)'
disabled\t'No cgroup of its own: the container stays in nook\'s (no limits)'
split\t'Split nook\'s own cgroup (a systemd unit\'s, with Delegate=yes) in two: nook waits in one child, the container runs in the other; no scope of its own'"
complete -c nook -n "__fish_nook_using_subcommand create" -l sdnotify -d 'Under a systemd unit of Type=notify: conmon tells systemd the container is up once its process runs (READY=1 on $NOTIFY_SOCKET); ignore tells nothing' -r -f -a "conmon\t'nook, once the container\'s process runs (podman\'s name: its monitor, conmon)'
ignore\t'Nobody'"
complete -c nook -n "__fish_nook_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always or unless-stopped' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s l -l label -d 'Set a label on the container' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l annotation -d 'Set an annotation on the container' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l stop-signal -d 'The signal `nook stop` sends first (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l stop-timeout -d 'Seconds `nook stop` waits before it kills the container (default 10)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l log-driver -d 'Where the container\'s output goes: k8s-file (default), journald, none or passthrough' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l log-opt -d 'Log driver options: max-size=SIZE rotates the log file at that size' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cidfile -d 'Write the container\'s ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMS] (a bind of the host node, as rootless podman does: the host\'s permissions of the node apply, PERMS of r, w, m cannot narrow them), a directory of devices, or a CDI device VENDOR/CLASS=NAME (NAME=all for every one) from the specs in /etc/cdi and /var/run/cdi' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l gpus -d 'GPUs to add through NVIDIA\'s CDI spec: all, or a comma-separated list of indexes or names (nvidia.com/gpu=...); the spec comes from `nvidia-ctk cdi generate`' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cdi-spec-dir -d 'Directory of CDI specs, instead of /etc/cdi and /var/run/cdi (repeatable; also NOOK_CDI_SPEC_DIRS, colon-separated)' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l group-add -d 'Add a supplementary group (a name from the container\'s /etc/group, or a number); keep-groups keeps your own supplementary groups (they show as nogroup inside)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l shm-size -d 'Size of /dev/shm, as in 256m or 1g (default 64m)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l ipc -d 'IPC namespace: private or shareable (the default: one of its own), host (the host\'s System V IPC and its /dev/shm) or container:NAME (a running container\'s System V IPC, message queues and /dev/shm; the two then share its user namespace)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l pid -d 'PID namespace: private (the default), host (the host\'s processes, its /proc) or container:NAME (a running container\'s processes)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l uts -d 'UTS namespace: private (the default) or host (the host\'s name)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD] (nofile, nproc, core, memlock, stack, ...; -1 for unlimited), or host to keep yours. By default nofile and nproc are raised to your hard limits' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l http-proxy -d 'Pass your proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and their upper-case forms) into the container, under the image\'s Env, -e and --env-file; false passes none' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand create" -l tz -d 'Time zone of the container: local (the host\'s) or a zone such as Europe/Berlin' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l uidmap -d 'Map container ids to ids of your user namespace range: CONTAINER:FROM:COUNT, where FROM 0 is you and 1 on are your subordinate ids (as in rootless podman)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l gidmap -d 'As --uidmap, for group ids (default: the same as --uidmap)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l volumes-from -d 'Mount the volumes and binds of another container at the same places: CONTAINER[:ro|rw] (default: each as that container has it)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l systemd -d 'Systemd mode (tmpfs on /run and /tmp): true (when the command is /sbin/init or systemd), false, or always' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l oom-score-adj -d 'The container\'s OOM killer score adjustment (-1000 to 1000); below your own it is raised to yours, with a warning (default: containers.conf\'s oom_score_adj)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l kernel-memory -d 'Ignored with a warning, as podman does (cgroup v2 has no kernel memory limit)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l device-cgroup-rule -d 'Refused, as rootless podman does: device cgroup rules need root' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l umask -d 'The command\'s umask, in octal (default: 0022, as podman)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l preserve-fds -d 'Pass descriptors 3 to 3+N-1 of nook\'s own to the command (all must be open; not with --detach)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -s a -l attach -d 'Attach only these streams (stdin, stdout, stderr; repeatable): what is left out goes to /dev/null, and without stdout the container\'s ID is printed, as podman' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l timeout -d 'Stop the container (SIGKILL) after SECONDS: exit code 255, as podman' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l pod -d 'Run in the pod POD (name or ID; new:NAME makes it first): join the namespaces its infra container holds (network, IPC, host name by default), which starts if it is not running; ports are the pod\'s (`nook pod create -p`)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l health-cmd -d 'The check to run inside the container: a shell command, a JSON array (\'["CMD","arg"]\') or none (turns the image\'s HEALTHCHECK off)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l health-interval -d 'Time between checks (default 30s; disable: no periodic checks, only nook healthcheck run)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l health-retries -d 'Failures in a row before the container is unhealthy (default 3)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l health-start-period -d 'Time after the start in which failures do not count (default 0s)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand create" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand create" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand create" -l rootfs -d 'The first argument is a directory to use as the root file system, not an image'
complete -c nook -n "__fish_nook_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c nook -n "__fish_nook_using_subcommand create" -s i -l interactive -d 'Keep standard input open and pass it to the container'
complete -c nook -n "__fish_nook_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal for the container'
complete -c nook -n "__fish_nook_using_subcommand create" -l privileged -d 'Give the container every capability and no masked or read-only paths'
complete -c nook -n "__fish_nook_using_subcommand create" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c nook -n "__fish_nook_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes on a free host port (--rootfs directories expose none)'
complete -c nook -n "__fish_nook_using_subcommand create" -l stats -d 'On exit, print the container\'s peak memory, CPU time and throttled periods'
complete -c nook -n "__fish_nook_using_subcommand create" -l desktop -d 'Give the container your display and sound: the Wayland and X11 sockets (with the X cookie), PipeWire and PulseAudio, the /dev/dri nodes, each when the host has it, and your own uid inside (--userns keep-id unless --userns is given); nook info lists them'
complete -c nook -n "__fish_nook_using_subcommand create" -s d -l detach -d 'Run in the background and print the container\'s ID'
complete -c nook -n "__fish_nook_using_subcommand create" -l replace -d 'Replace a container of the same name (it is removed first, even running)'
complete -c nook -n "__fish_nook_using_subcommand create" -l env-host -d 'Pass your whole environment into the container (-e and --env-file still win)'
complete -c nook -n "__fish_nook_using_subcommand create" -s q -l quiet -d 'Accepted for podman\'s scripts: nook prints no pull progress where it is not asked for'
complete -c nook -n "__fish_nook_using_subcommand create" -l no-healthcheck -d 'No healthcheck, not even the image\'s'
complete -c nook -n "__fish_nook_using_subcommand create" -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand create" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand create" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand create" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand create" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand start" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand start" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand start" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand start" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand start" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand start" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand start" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand start" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output and wait for it to end'
complete -c nook -n "__fish_nook_using_subcommand start" -s i -l interactive -d 'Keep standard input open (with -a)'
complete -c nook -n "__fish_nook_using_subcommand start" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand start" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand start" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand start" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, else 10)' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stop" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stop" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand stop" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stop" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand stop" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand stop" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand stop" -s a -l all -d 'All running containers'
complete -c nook -n "__fish_nook_using_subcommand stop" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand stop" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand stop" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand stop" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand stop" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, else 10)' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand restart" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand restart" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand restart" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand restart" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand restart" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand restart" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand restart" -s a -l all -d 'All running containers'
complete -c nook -n "__fish_nook_using_subcommand restart" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand restart" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand restart" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand restart" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand restart" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand kill" -s s -l signal -d 'The signal to send' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand kill" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand kill" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand kill" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand kill" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand kill" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand kill" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand kill" -s a -l all -d 'All running containers'
complete -c nook -n "__fish_nook_using_subcommand kill" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand kill" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand kill" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand kill" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand wait" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand wait" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand wait" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand wait" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand wait" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand wait" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand wait" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand wait" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand wait" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand wait" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand wait" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand wait" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand rename" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rename" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rename" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand rename" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rename" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand rename" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand rename" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand rename" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand rename" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand rename" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand rename" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand logs" -l tail -d 'Show only the last N lines' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l since -d 'Show only what was written since TIME (RFC 3339, Unix seconds, or a duration as 10m)' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l until -d 'Show only what was written before TIME' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logs" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logs" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand logs" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logs" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand logs" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand logs" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand logs" -s f -l follow -d 'Follow the output as it comes, until the container ends'
complete -c nook -n "__fish_nook_using_subcommand logs" -s t -l timestamps -d 'Show each line\'s time'
complete -c nook -n "__fish_nook_using_subcommand logs" -s n -l names -d 'Show each line\'s container name'
complete -c nook -n "__fish_nook_using_subcommand logs" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand logs" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand logs" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand logs" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pause" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pause" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pause" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pause" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pause" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pause" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pause" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pause" -s a -l all -d 'All running containers'
complete -c nook -n "__fish_nook_using_subcommand pause" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pause" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pause" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pause" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand unpause" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unpause" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unpause" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand unpause" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unpause" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand unpause" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand unpause" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand unpause" -s a -l all -d 'All running containers'
complete -c nook -n "__fish_nook_using_subcommand unpause" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand unpause" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand unpause" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand unpause" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand attach" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand attach" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand attach" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand attach" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand attach" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand attach" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand attach" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand attach" -l no-stdin -d 'Do not send standard input'
complete -c nook -n "__fish_nook_using_subcommand attach" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand attach" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand attach" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand attach" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand port" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand port" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand port" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand port" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand port" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand port" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand port" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand port" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand port" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand port" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand port" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand port" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand inspect" -s t -l type -d 'What the names are' -r -f -a "all\t'A container, else an image, else a volume'
container\t''
image\t''
volume\t''"
complete -c nook -n "__fish_nook_using_subcommand inspect" -s f -l format -d '`json` (the default) or a Go template run for each one (`{{.State.Status}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand inspect" -s l -l latest -d 'Inspect the latest container made'
complete -c nook -n "__fish_nook_using_subcommand inspect" -s s -l size -d 'Accepted for podman\'s scripts (sizes are not computed)'
complete -c nook -n "__fish_nook_using_subcommand inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -f -a "inspect" -d 'Show containers as JSON or through a template'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -f -a "exists" -d 'Exit 0 if the container exists, 1 if not'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -f -a "ls" -d 'List containers'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -f -a "port" -d 'List a container\'s published ports'
complete -c nook -n "__fish_nook_using_subcommand container; and not __fish_seen_subcommand_from inspect exists ls port rm" -f -a "rm" -d 'Remove containers (as nook rm)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d '`json` (the default) or a Go template run for each one (`{{.State.Status}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the latest container made'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Accepted for podman\'s scripts (sizes are not computed)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N latest containers made (of any state)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Show only the containers that match: name=, id=, status=, label=, ancestor=, exited= (several of one key: any; of different keys: all)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d '`json`, a Go template (`{{.Names}}`), or `table TEMPLATE` (with a header row)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Order by command, created, id, image, names, runningfor, size or status' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show containers of every state (default: the running ones)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the IDs only'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest container made (of any state)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not shorten IDs and commands'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Show the size of each container\'s own files, and with its image\'s'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Accepted for podman\'s scripts: nook has no containers of other tools to show'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Show the pod of each container (POD ID and PODNAME columns)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container to stop before it is killed (with -f)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers (with -f, running ones too)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too; a missing container is no error'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes (`-v /path`) with it'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand version" -s f -l format -d 'A Go template (`{{.Client.Version}}`) or `json`' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand version" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand version" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand version" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand version" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand version" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand version" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand version" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand version" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand version" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand version" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand version" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand load" -s i -l input -d 'The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout directory (default: an archive on standard input)' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand load" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand load" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand load" -s q -l quiet -d 'Print only the loaded images\' IDs'
complete -c nook -n "__fish_nook_using_subcommand load" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand load" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand load" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand load" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand images" -l format -d '`table`, `json`, a Go template (`{{.Repository}}:{{.Tag}}`) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l sort -d 'Order of the rows: created (newest first), id, repository, size or tag' -r
complete -c nook -n "__fish_nook_using_subcommand images" -s f -l filter -d 'Only images that pass FILTER (all given must): reference=NAME (`*` matches), dangling=true|false, label=KEY[=VALUE] (label!= for the others), before=IMAGE, since=IMAGE (after=), id=PREFIX' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand images" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand images" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand images" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand images" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand images" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand images" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand images" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand images" -s q -l quiet -d 'Print only image IDs'
complete -c nook -n "__fish_nook_using_subcommand images" -l no-trunc -d 'Do not truncate image IDs'
complete -c nook -n "__fish_nook_using_subcommand images" -s a -l all -d 'Accepted for podman\'s scripts: nook has no intermediate images to show'
complete -c nook -n "__fish_nook_using_subcommand images" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand images" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand images" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand images" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand images" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand rmi" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rmi" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rmi" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand rmi" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand rmi" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand rmi" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand rmi" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand rmi" -s a -l all -d 'Remove every image'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s f -l force -d 'Remove images that containers were made from too (their containers keep their copy)'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s i -l ignore -d 'Do not fail when an image does not exist'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand rmi" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand rmi" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand tag" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand tag" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand tag" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand tag" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand tag" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand tag" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand tag" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand tag" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand tag" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand tag" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand tag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand untag" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand untag" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand untag" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand untag" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand untag" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand untag" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand untag" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand untag" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand untag" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand untag" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand untag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "inspect" -d 'Show images\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "prune" -d 'Remove images that have no name (with -a: every image no container uses)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "ls" -d 'List images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "rm" -d 'Remove images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "load" -d 'Load images from an archive'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "tag" -d 'Give an image more names'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "untag" -d 'Remove names from an image (every name when none is given)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "exists" -d 'Exit 0 when the image exists, 1 when it does not'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "build" -d 'Build an image from a Containerfile'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "push" -d 'Send an image to a registry'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "save" -d 'Write images to an archive or an OCI layout directory'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "history" -d 'Show an image\'s history'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag untag exists build push save history import" -f -a "import" -d 'Make an image of a tarball'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d '`json` (the default) or a Go template run for each image (`{{.Id}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only unnamed ones'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask (nook never asks; accepted as podman does)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d '`table`, `json`, a Go template (`{{.Repository}}:{{.Tag}}`) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Order of the rows: created (newest first), id, repository, size or tag' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Only images that pass FILTER (all given must): reference=NAME (`*` matches), dangling=true|false, label=KEY[=VALUE] (label!= for the others), before=IMAGE, since=IMAGE (after=), id=PREFIX' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate image IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Accepted for podman\'s scripts: nook has no intermediate images to show'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every image'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images that containers were made from too (their containers keep their copy)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail when an image does not exist'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout directory (default: an archive on standard input)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print only the loaded images\' IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from untag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile (default: Containerfile, else Dockerfile, in the context); several are joined; - is standard input' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (several allowed); a name without a registry is localhost/NAME' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage (an AS name) only' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always (--pull alone), missing, never (default "missing")' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'
newer\t'Pull when the registry\'s image differs from the stored one; a stored image is used when the registry cannot be reached'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep and reuse each step\'s layer (default: true, else $BUILDAH_LAYERS); false: no cached step is used nor stored' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'Stages built at once: accepted as podman\'s; nook builds the stages one after another' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output (steps, RUN output, errors) to this file instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'A resource limit for RUN steps, as nook run --ulimit: NAME=SOFT[:HARD] (several allowed)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'A security option for RUN steps, as nook run --security-opt (seccomp=unconfined ...)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps, as nook run --cap-add' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps, as nook run --cap-drop' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'Read the ignore patterns from this file instead of .containerignore/.dockerignore' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network of RUN steps: private (as nook run gives), none, host, slirp4netns, pasta' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Manifest and config format of the image: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platform of the image: only this machine\'s (OS/ARCH) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for pulling base images, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=NAME,src=FILE (mounted, never in a layer)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached steps (every step runs again)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l pull-always -d 'Pull base images every time (the same as --pull=always)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l pull-never -d 'Never pull base images: they must be in the store (the same as --pull=never)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID (no steps, no RUN output)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the new layers of the final stage into one, on top of the base image\'s'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers, the base image\'s too, into one'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l zstd -d 'Compress new layers with zstd instead of gzip'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l format -d 'Manifest format to send (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of the layers sent: only the stored one (gzip for images nook builds) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (or directory, for oci-dir); default: standard output' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker load\'s tar (manifest.json, configs, uncompressed layers)'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout in a directory'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Several images in one docker-archive (podman\'s -m; nook\'s docker-archive holds every image given either way, and `load` loads them all)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Layers uncompressed in an oci-archive or oci-dir (docker-archive\'s always are)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output format: json (default: a table)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the IDs and commands'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only the IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Containerfile instruction to the config (CMD, ENV, ...)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'The commit message, kept in the image\'s history' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pull" -l platform -d 'Platform of a multi-platform image: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand pull" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pull" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pull" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -s q -l quiet -d 'Print only the digest, no progress'
complete -c nook -n "__fish_nook_using_subcommand pull" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pull" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pull" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pull" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand login" -s u -l username -d 'User name' -r
complete -c nook -n "__fish_nook_using_subcommand login" -s p -l password -d 'Password (visible in the process list: prefer --password-stdin)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand login" -l authfile -d 'The credentials file to write (default: REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l compat-auth-file -d 'A docker config.json to write instead (not with --authfile)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l cert-dir -d 'A directory of CA certificates (*.crt, PEM) the registry\'s TLS certificate must chain to (default: containers\' certs.d/REGISTRY directories)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand login" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand login" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c nook -n "__fish_nook_using_subcommand login" -l get-login -d 'Print the user name the credentials for REGISTRY hold (exit 125 when there are none)'
complete -c nook -n "__fish_nook_using_subcommand login" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand login" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand login" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand login" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand logout" -l authfile -d 'The credentials file to change (default: REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l compat-auth-file -d 'A docker config.json to change instead (not with --authfile)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand logout" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand logout" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c nook -n "__fish_nook_using_subcommand logout" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand logout" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand logout" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand logout" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "create" -d 'Create a volume (with a random name when none is given)'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "ls" -d 'List volumes'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "inspect" -d 'Show volumes\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "rm" -d 'Remove volumes'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "prune" -d 'Remove every volume no container uses'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when it does not'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "export" -d 'Write a volume\'s files as a tar (to standard output, or -o FILE)'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "import" -d 'Add the files of a tar (plain or gzip\'d; - for standard input) to a volume'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'The volume driver: local (the only one)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the volume (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'The local driver\'s options: type=tmpfs, device=..., o=MOUNT-OPTIONS (o=bind with device=/HOST/PATH binds a host directory)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when the volume already exists'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d '`table`, `json`, a Go template (`{{.Name}}`) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Only volumes that pass FILTER (all given must): name=REGEX, label=KEY[=VALUE], driver=local' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the volumes\' names'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d '`json` (the default) or a Go template run for each volume (`{{.Mountpoint}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container that uses the volume to stop (with -f)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove volumes even when containers use them (the containers too, stopped first); a missing volume is no error'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l ignore -d 'A missing volume is no error'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only volumes that pass FILTER (all given must): label=KEY[=VALUE], label!=KEY[=VALUE], until=DURATION|UNIX-TIME, name=REGEX' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask: without it the volumes are listed and nothing is removed unless you answer y'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "create" -d 'Create a bridge network (prints its name)'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "ls" -d 'List networks'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "inspect" -d 'Show networks\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "rm" -d 'Remove networks'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "prune" -d 'Remove every network no container uses (the default network stays)'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "exists" -d 'Exit 0 when the network exists, 1 when it does not'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "connect" -d 'Put a container on a network too (a stopped one joins it at its next start)'
complete -c nook -n "__fish_nook_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect" -f -a "disconnect" -d 'Take a container off a network'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'The driver: bridge (the only one)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'The network\'s IPv4 subnet (default: the first free /24 of 10.89.0.0/16)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'The gateway\'s address (default: the subnet\'s first)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set a label on the network (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'A driver option: mtu=N, the MTU of the bridge and the containers\' interfaces on it (default 65520, slirp4netns\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No way out of the network: its containers reach only each other'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when the network already exists'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d '`table`, `json`, a Go template (`{{.Name}}`) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Show only the networks that match: name=NAME (a substring), driver=bridge' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the networks\' names'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d '`json` (the default) or a Go template run for each network (`{{.Subnets}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds the containers removed with -f get to stop before they are killed (-1: each container\'s own stop timeout)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the network too; a network that does not exist is no error'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation (nook never asks)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'The container\'s address on the network (default: the first free one)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name the container is found by on this network (repeat for more)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for podman\'s sake (a running container is always disconnected)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "create" -d 'Create a pod: an infra container holding the namespaces its members share'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "ps" -d 'List pods'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "ls" -d 'List pods'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "inspect" -d 'Show pods\' details as JSON or through a --format template'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "exists" -d 'Exit 0 when the pod exists, 1 when it does not'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "start" -d 'Start pods: the infra container, then the members'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "stop" -d 'Stop pods: the members, then the infra container'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "kill" -d 'Send a signal to the running containers of pods'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "rm" -d 'Remove pods (with -f their containers too, running or not)'
complete -c nook -n "__fish_nook_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls inspect exists start stop kill rm prune" -f -a "prune" -d 'Remove every pod none of whose containers runs'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'The pod\'s name' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Make an infra container (nook\'s pause as its PID 1) to hold the shared namespaces; --infra=false makes none (then nothing is shared)' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'The infra container\'s name (default: the pod ID\'s first 12 digits, then -infra)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'The namespaces the members share: a list of ipc, net, pid, uts (default ipc,net,uts; +KIND adds to the default; none shares none)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port of the pod (as nook run -p): the members\' ports, as they share the network' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'The pod\'s network (as nook run --network)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s host name (default: its name)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the pod (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'What the pod does when its last member ends: continue (the infra container runs on) or stop (the pod stops)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-infra -d 'Make no infra container (as --infra=false)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Remove a pod of the same name first (with its containers)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d '`json`, a Go template (`{{.Name}}`: .ID, .Name, .Status, .Created, .InfraID, .NumberOfContainers, .Labels) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Only the pods that match (all given must): name=REGEX, id=PREFIX, status=, label=KEY[=VALUE]' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print the pods\' IDs only'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not shorten IDs'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l format -d '`json`, a Go template (`{{.Name}}`: .ID, .Name, .Status, .Created, .InfraID, .NumberOfContainers, .Labels) or `table TEMPLATE`' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Only the pods that match (all given must): name=REGEX, id=PREFIX, status=, label=KEY[=VALUE]' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the pods\' IDs only'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Print no header row'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not shorten IDs'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d '`json` (the default) or a Go template (`{{.State}}`, `{{.Name}}`, `{{.InfraContainerID}}`)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Every pod'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for each container to stop before SIGKILL (default: its stop timeout)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Every pod'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Succeed for pods that do not exist'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal (name or number)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Every pod'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for each container to stop before SIGKILL (with -f)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Every pod'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers of the pods too; succeed for pods that do not exist'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Succeed for pods that do not exist'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask (nook never asks)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pod; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand unshare" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unshare" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unshare" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand unshare" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand unshare" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand unshare" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand unshare" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand unshare" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand unshare" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand unshare" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand unshare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -f -a "prune" -d 'Remove stopped containers and unused images, layers and blobs'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -f -a "reset" -d 'Remove every container, image and volume of nook for this user'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -f -a "migrate" -d 'End the process that holds your user namespace, so that the next run maps a new one from the current /etc/subuid and /etc/subgid'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset migrate check" -f -a "check" -d 'Check the image store, the volumes and the containers\' records for damage and leftovers of killed commands'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only unnamed ones'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s m -l max -d 'Unused layers and blobs younger than this are taken for a pull\'s or load\'s at work (a number with s, m or h)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove damaged images (the next run pulls them again) and what nothing uses, and write wrong records anew'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Trust each layer\'s completion record instead of reading every layer blob again'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand exec" -s e -l env -d 'Set an environment variable (NAME=VALUE; NAME alone copies the host\'s value)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -s u -l user -d 'Run as this user and group (names from the container\'s /etc/passwd and /etc/group)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand exec" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -s i -l interactive -d 'Keep standard input open and pass it to the process'
complete -c nook -n "__fish_nook_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal for the process'
complete -c nook -n "__fish_nook_using_subcommand exec" -s d -l detach -d 'Start the process and return at once, leaving it running in the container'
complete -c nook -n "__fish_nook_using_subcommand exec" -l privileged -d 'Give the process every capability (the container\'s seccomp filter still applies)'
complete -c nook -n "__fish_nook_using_subcommand exec" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand exec" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand exec" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand exec" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand cp" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand cp" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand cp" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand cp" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand cp" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand cp" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand cp" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand cp" -s a -l archive -d 'Keep the files\' owners (uid and gid as the container sees them)'
complete -c nook -n "__fish_nook_using_subcommand cp" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand cp" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand cp" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand cp" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand top" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand top" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand top" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand top" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand top" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand top" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand top" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand top" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand top" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand top" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand top" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand top" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand stats" -l format -d 'A Go template per container ({{.Name}}, {{.ID}}, {{.CPUPerc}}, {{.MemUsage}}, {{.MemPerc}}, {{.PIDs}}, {{.BlockIO}}, {{.NetIO}}), or json' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -s i -l interval -d 'Seconds between readings when streaming' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stats" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stats" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand stats" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand stats" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand stats" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand stats" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l no-stream -d 'Show one reading and exit (the default when standard output is not a terminal)'
complete -c nook -n "__fish_nook_using_subcommand stats" -s a -l all -d 'Every container, not only running ones'
complete -c nook -n "__fish_nook_using_subcommand stats" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand stats" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand stats" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand stats" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run a container\'s healthcheck once: exit 0 healthy, 1 unhealthy (printed)'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand state" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand state" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand state" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand state" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand state" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand state" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand state" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand state" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand state" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand state" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand state" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand state" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand delete" -l root -d 'Where images and volumes are kept (as NOOK_STORAGE)' -r -F
complete -c nook -n "__fish_nook_using_subcommand delete" -l runroot -d 'Where the containers\' runtime state is kept (default $XDG_RUNTIME_DIR/nook)' -r -F
complete -c nook -n "__fish_nook_using_subcommand delete" -l storage-driver -d 'How an image\'s layers become a container\'s root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l cgroup-manager -d 'Who creates a container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup (default: containers.conf\'s cgroup_manager, else systemd)' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
complete -c nook -n "__fish_nook_using_subcommand delete" -l log-level -d 'Messages to print: trace, debug, info, warn (the default), warning, error, fatal or panic; debug and trace add nook\'s log lines (`level=debug msg=...`, also NOOK_LOG_LEVEL)' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l url -d 'A podman service\'s URL (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l connection -d 'A podman service connection\'s name (refused: nook has no service)' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l volumepath -d 'Where named volumes are kept (default: beside the store)' -r -F
complete -c nook -n "__fish_nook_using_subcommand delete" -l out -d 'Send standard output to FILE instead' -r -F
complete -c nook -n "__fish_nook_using_subcommand delete" -l events-backend -d 'Accepted for podman\'s scripts: nook keeps no event log' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l tmpdir -d 'Accepted for podman\'s scripts and ignored: nook keeps no temporary state of its own' -r -F
complete -c nook -n "__fish_nook_using_subcommand delete" -l runtime -d 'Accepted for podman\'s scripts and ignored: nook is its own runtime' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -l runtime-flag -d 'A flag podman hands to the OCI runtime: nook is its own runtime and takes none, so a command that starts a container refuses it (exit 126; build: 1 at its first RUN)' -r
complete -c nook -n "__fish_nook_using_subcommand delete" -s f -l force -d 'Kill the container first (SIGKILL) when it is still running'
complete -c nook -n "__fish_nook_using_subcommand delete" -s D -l debug -d 'As --log-level=debug (docker\'s flag)'
complete -c nook -n "__fish_nook_using_subcommand delete" -l remote -d 'Refused: podman\'s --remote reaches a podman service, and nook has none (it runs containers itself)'
complete -c nook -n "__fish_nook_using_subcommand delete" -l noout -d 'Discard standard output'
complete -c nook -n "__fish_nook_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand delete" -s V -l version -d 'Print version'
