# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nook_global_optspecs
    string join \n h/help V/version
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

complete -c nook -n "__fish_nook_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_needs_command" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c nook -n "__fish_nook_needs_command" -f -a "info" -d 'Show what this machine offers to rootless containers, and how to fix what is missing'
complete -c nook -n "__fish_nook_needs_command" -f -a "ps" -d 'List containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "rm" -d 'Remove stopped containers'
complete -c nook -n "__fish_nook_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c nook -n "__fish_nook_needs_command" -f -a "load" -d 'Load images from a docker-archive, an oci-archive or an OCI layout directory'
complete -c nook -n "__fish_nook_needs_command" -f -a "images" -d 'List images'
complete -c nook -n "__fish_nook_needs_command" -f -a "rmi" -d 'Remove images'
complete -c nook -n "__fish_nook_needs_command" -f -a "tag" -d 'Give an image more names'
complete -c nook -n "__fish_nook_needs_command" -f -a "image" -d 'Manage images'
complete -c nook -n "__fish_nook_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "login" -d 'Log in to a registry (credentials are stored in auth.json, like podman\'s)'
complete -c nook -n "__fish_nook_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c nook -n "__fish_nook_needs_command" -f -a "unshare" -d 'Run a command in a user namespace mapped like a container\'s (files of subordinate ids)'
complete -c nook -n "__fish_nook_needs_command" -f -a "system" -d 'Manage nook\'s storage as a whole'
complete -c nook -n "__fish_nook_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c nook -n "__fish_nook_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c nook -n "__fish_nook_needs_command" -f -a "top" -d 'Show the processes of a running container'
complete -c nook -n "__fish_nook_needs_command" -f -a "stats" -d 'Show the resource use of running containers'
complete -c nook -n "__fish_nook_using_subcommand run" -l pull -d 'When to pull the image: missing (when the store lacks it), always, never' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'"
complete -c nook -n "__fish_nook_using_subcommand run" -l platform -d 'Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -l storage-driver -d 'How an image\'s layers become the root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s v -l volume -d 'Bind a host directory or file, or a named volume (created on first use), into the container: HOST-PATH:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l mount -d 'Attach a mount: type=bind,source=HOST-PATH,target=DIR[,readonly], type=volume,source=NAME,target=DIR[,readonly] or type=tmpfs,target=DIR[,tmpfs-size=SIZE] (type=devpts,target=/dev/pts is accepted: the container has its own)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tmpfs -d 'Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default rw,noexec,nosuid,nodev)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only (--read-only=false: read-write)' -r -f -a "true\t''
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
complete -c nook -n "__fish_nook_using_subcommand run" -l network -d 'Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when installed), pasta[:OPTIONS], none (own namespace, loopback only) or host' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges as 8000-8002:80-82. Without HOSTIP the port listens on all the host\'s addresses, as in podman (8080:80 is reachable from other machines); 127.0.0.1:8080:80 publishes on loopback only' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf (default: the network\'s forwarder)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-option -d 'DNS resolver option (as in resolv.conf\'s options line)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l add-host -d 'Add a line to the container\'s /etc/hosts' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l userns -d 'User namespace mode: keep-id maps your uid and gid to the same ids inside; auto (auto:size=N) gives the container a range of your subordinate ids no other running container has; nomap leaves your own uid and gid unmapped' -r
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
disabled\t'No cgroup of its own: the container stays in nook\'s (no limits)'"
complete -c nook -n "__fish_nook_using_subcommand run" -l cgroup-manager -d 'Who creates the container\'s cgroup: the systemd user manager, or nook in its own delegated cgroup' -r -f -a "systemd\t'A transient scope of the systemd user manager, over D-Bus (default)'
cgroupfs\t'A child of nook\'s own cgroup, which must be delegated and writable'"
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
complete -c nook -n "__fish_nook_using_subcommand run" -l tz -d 'Time zone of the container: local (the host\'s) or a zone such as Europe/Berlin' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l uidmap -d 'Map container ids to ids of your user namespace range: CONTAINER:FROM:COUNT, where FROM 0 is you and 1 on are your subordinate ids (as in rootless podman)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l gidmap -d 'As --uidmap, for group ids (default: the same as --uidmap)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l rootfs -d 'The first argument is a directory to use as the root file system, not an image'
complete -c nook -n "__fish_nook_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c nook -n "__fish_nook_using_subcommand run" -s i -l interactive -d 'Keep standard input open and pass it to the container'
complete -c nook -n "__fish_nook_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal for the container'
complete -c nook -n "__fish_nook_using_subcommand run" -l privileged -d 'Give the container every capability and no masked or read-only paths'
complete -c nook -n "__fish_nook_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c nook -n "__fish_nook_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a free host port (--rootfs directories expose none)'
complete -c nook -n "__fish_nook_using_subcommand run" -l stats -d 'On exit, print the container\'s peak memory, CPU time and throttled periods'
complete -c nook -n "__fish_nook_using_subcommand run" -l env-host -d 'Pass your whole environment into the container (-e and --env-file still win)'
complete -c nook -n "__fish_nook_using_subcommand run" -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand run" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand info" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON for programs'"
complete -c nook -n "__fish_nook_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand info" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand ps" -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON for programs'"
complete -c nook -n "__fish_nook_using_subcommand ps" -s a -l all -d 'Show stopped containers too'
complete -c nook -n "__fish_nook_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand ps" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand rm" -s a -l all -d 'Remove all stopped containers'
complete -c nook -n "__fish_nook_using_subcommand rm" -s i -l ignore -d 'Do not fail when a container does not exist'
complete -c nook -n "__fish_nook_using_subcommand rm" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand port" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand port" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand load" -s i -l input -d 'The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout directory' -r -F
complete -c nook -n "__fish_nook_using_subcommand load" -s q -l quiet -d 'Print only the loaded images\' IDs'
complete -c nook -n "__fish_nook_using_subcommand load" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand load" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand images" -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON for programs'"
complete -c nook -n "__fish_nook_using_subcommand images" -s q -l quiet -d 'Print only image IDs'
complete -c nook -n "__fish_nook_using_subcommand images" -l no-trunc -d 'Do not truncate image IDs'
complete -c nook -n "__fish_nook_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand images" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s a -l all -d 'Remove every image'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s f -l force -d 'Remove images that containers were made from too (their containers keep their copy)'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s i -l ignore -d 'Do not fail when an image does not exist'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand tag" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand tag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "inspect" -d 'Show images\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "prune" -d 'Remove images that have no name (with -a: every image no container uses)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "ls" -d 'List images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "rm" -d 'Remove images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "load" -d 'Load images from an archive'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag" -f -a "tag" -d 'Give an image more names'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only unnamed ones'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask (nook never asks; accepted as podman does)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON for programs'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate image IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every image'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images that containers were made from too (their containers keep their copy)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail when an image does not exist'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'The archive (docker-archive or oci-archive, plain, gzip or zstd) or OCI layout directory' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print only the loaded images\' IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand pull" -l platform -d 'Platform of a multi-platform image: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand pull" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -s q -l quiet -d 'Print only the digest, no progress'
complete -c nook -n "__fish_nook_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand pull" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand login" -s u -l username -d 'User name' -r
complete -c nook -n "__fish_nook_using_subcommand login" -s p -l password -d 'Password (visible in the process list: prefer --password-stdin)' -r
complete -c nook -n "__fish_nook_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c nook -n "__fish_nook_using_subcommand login" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand login" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c nook -n "__fish_nook_using_subcommand logout" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand logout" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "create" -d 'Create a volume (with a random name when none is given)'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "ls" -d 'List volumes'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "inspect" -d 'Show volumes\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "rm" -d 'Remove volumes'
complete -c nook -n "__fish_nook_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "prune" -d 'Remove every volume no container uses'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when the volume already exists'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table or json' -r -f -a "table\t'A table for people'
json\t'JSON for programs'"
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the volumes\' names'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove volumes even when a stopped container uses them (the container too)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask (nook never asks; accepted as podman does)'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset" -f -a "prune" -d 'Remove stopped containers and unused images, layers and blobs'
complete -c nook -n "__fish_nook_using_subcommand system; and not __fish_seen_subcommand_from prune reset" -f -a "reset" -d 'Remove every container, image and volume of nook for this user'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only unnamed ones'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand exec" -s e -l env -d 'Set an environment variable (NAME=VALUE; NAME alone copies the host\'s value)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c nook -n "__fish_nook_using_subcommand exec" -s u -l user -d 'Run as this user and group (names from the container\'s /etc/passwd and /etc/group)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container (default: the container\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand exec" -s i -l interactive -d 'Keep standard input open and pass it to the process'
complete -c nook -n "__fish_nook_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal for the process'
complete -c nook -n "__fish_nook_using_subcommand exec" -s d -l detach -d 'Start the process and return at once, leaving it running in the container'
complete -c nook -n "__fish_nook_using_subcommand exec" -l privileged -d 'Give the process every capability (the container\'s seccomp filter still applies)'
complete -c nook -n "__fish_nook_using_subcommand exec" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand exec" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand cp" -s a -l archive -d 'Keep the files\' owners (uid and gid as the container sees them)'
complete -c nook -n "__fish_nook_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand cp" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand top" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand top" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand stats" -l format -d 'A Go template per container ({{.Name}}, {{.ID}}, {{.CPUPerc}}, {{.MemUsage}}, {{.MemPerc}}, {{.PIDs}}, {{.BlockIO}}, {{.NetIO}}), or json' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -s i -l interval -d 'Seconds between readings when streaming' -r
complete -c nook -n "__fish_nook_using_subcommand stats" -l no-stream -d 'Show one reading and exit (the default when standard output is not a terminal)'
complete -c nook -n "__fish_nook_using_subcommand stats" -s a -l all -d 'Every container, not only running ones'
complete -c nook -n "__fish_nook_using_subcommand stats" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand stats" -s V -l version -d 'Print version'
