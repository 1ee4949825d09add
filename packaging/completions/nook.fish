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
complete -c nook -n "__fish_nook_needs_command" -f -a "build" -d 'Build an image from a Containerfile'
complete -c nook -n "__fish_nook_needs_command" -f -a "push" -d 'Send an image to a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "save" -d 'Write images to an archive (docker-archive, oci-archive) or an OCI layout directory'
complete -c nook -n "__fish_nook_needs_command" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c nook -n "__fish_nook_needs_command" -f -a "import" -d 'Make an image of a tarball'
complete -c nook -n "__fish_nook_needs_command" -f -a "export" -d 'Write a stopped container\'s file system as a tar'
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
complete -c nook -n "__fish_nook_using_subcommand run" -l pull -d 'When to pull the image: missing (when the store lacks it), always, never' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'"
complete -c nook -n "__fish_nook_using_subcommand run" -l platform -d 'Platform of a multi-platform image to pull: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand run" -l storage-driver -d 'How an image\'s layers become the root file system: overlay (the kernel\'s, in the user namespace; the default where a probe mounts it on the store\'s file system), fuse-overlayfs (the default where it does not, when installed) or vfs (a private copy). Else `driver` in ~/.config/nook/storage.conf; `nook info` shows the choice' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s v -l volume -d 'Bind a host directory or file, or a named volume (created on first use), into the container: HOST-PATH:CONTAINER-DIR[:ro|rw] or NAME:CONTAINER-DIR[:ro|rw]' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l mount -d 'Attach a mount: type=bind,source=HOST-PATH,target=DIR[,readonly], type=volume,source=NAME,target=DIR[,readonly] or type=tmpfs,target=DIR[,tmpfs-size=SIZE]' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l tmpfs -d 'Mount a fresh tmpfs: CONTAINER-DIR[:OPTIONS] (size=, mode=, ro, exec, ...; default rw,noexec,nosuid,nodev)' -r
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
complete -c nook -n "__fish_nook_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json (docker/OCI format), mask=PATH[:PATH...], unmask=PATH[:PATH...] or unmask=ALL' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l network -d 'Network: slirp4netns[:allow_host_loopback=true,mtu=N,cidr=A.B.C.D/N] (default when installed), pasta[:OPTIONS], none (own namespace, loopback only) or host' -r
complete -c nook -n "__fish_nook_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges as 8000-8002:80-82. Without HOSTIP the port listens on all the host\'s addresses, as in podman (8080:80 is reachable from other machines); 127.0.0.1:8080:80 publishes on loopback only' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf (default: the network\'s forwarder)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-option -d 'DNS resolver option (as in resolv.conf\'s options line)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l add-host -d 'Add a line to the container\'s /etc/hosts' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l userns -d 'User namespace mode: keep-id maps your uid and gid to the same ids inside' -r
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
complete -c nook -n "__fish_nook_using_subcommand run" -l rootfs -d 'The first argument is a directory to use as the root file system, not an image'
complete -c nook -n "__fish_nook_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c nook -n "__fish_nook_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c nook -n "__fish_nook_using_subcommand run" -s i -l interactive -d 'Keep standard input open and pass it to the container'
complete -c nook -n "__fish_nook_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal for the container'
complete -c nook -n "__fish_nook_using_subcommand run" -l privileged -d 'Give the container every capability and no masked or read-only paths'
complete -c nook -n "__fish_nook_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c nook -n "__fish_nook_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a free host port (--rootfs directories expose none)'
complete -c nook -n "__fish_nook_using_subcommand run" -l stats -d 'On exit, print the container\'s peak memory, CPU time and throttled periods'
complete -c nook -n "__fish_nook_using_subcommand run" -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand run" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand build" -s f -l file -d 'The Containerfile (default: Containerfile, else Dockerfile, in the context)' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -s t -l tag -d 'Name the image (several allowed); a name without a registry is localhost/NAME' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l build-arg -d 'Set a build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l target -d 'Build up to this stage (an AS name) only' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l pull -d 'When to pull base images: missing, always, never (--pull alone: always)' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'"
complete -c nook -n "__fish_nook_using_subcommand build" -l network -d 'Network of RUN steps: host, none, slirp4netns, pasta (default: as nook run)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l format -d 'Manifest and config format of the image: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand build" -l platform -d 'Platform of the image: only this machine\'s (OS/ARCH) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand build" -l creds -d 'Credentials for pulling base images, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand build" -l no-cache -d 'Do not use cached steps (every step runs again)'
complete -c nook -n "__fish_nook_using_subcommand build" -s q -l quiet -d 'Print only the image ID (no steps, no RUN output)'
complete -c nook -n "__fish_nook_using_subcommand build" -l squash -d 'Squash the image\'s new layers into one'
complete -c nook -n "__fish_nook_using_subcommand build" -l zstd -d 'Compress new layers with zstd instead of gzip'
complete -c nook -n "__fish_nook_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand build" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand push" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand push" -l format -d 'Manifest format to send (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand push" -l compression-format -d 'Compression of the layers sent: only the stored one (gzip for images nook builds) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c nook -n "__fish_nook_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand push" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand save" -s o -l output -d 'Write to this file (or directory, for oci-dir); default: standard output' -r -F
complete -c nook -n "__fish_nook_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker load\'s tar (manifest.json, configs, uncompressed layers)'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout in a directory'"
complete -c nook -n "__fish_nook_using_subcommand save" -s q -l quiet -d 'Print nothing'
complete -c nook -n "__fish_nook_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand save" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand commit" -s c -l change -d 'Apply a Containerfile instruction to the config (ENV, CMD, ENTRYPOINT, LABEL, USER, WORKDIR, EXPOSE, VOLUME...)' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s m -l message -d 'The commit message, kept in the image\'s history' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s a -l author -d 'The author, kept in the image\'s config' -r
complete -c nook -n "__fish_nook_using_subcommand commit" -s f -l format -d 'Manifest and config format: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand commit" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand commit" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand import" -s c -l change -d 'Apply a Containerfile instruction to the config (CMD, ENV, ...)' -r
complete -c nook -n "__fish_nook_using_subcommand import" -s m -l message -d 'The commit message, kept in the image\'s history' -r
complete -c nook -n "__fish_nook_using_subcommand import" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand import" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand export" -s o -l output -d 'Write to this file (default: standard output)' -r -F
complete -c nook -n "__fish_nook_using_subcommand export" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand export" -s V -l version -d 'Print version'
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
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "inspect" -d 'Show images\' details as JSON'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "prune" -d 'Remove images that have no name (with -a: every image no container uses)'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "ls" -d 'List images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "rm" -d 'Remove images'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "load" -d 'Load images from an archive'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "tag" -d 'Give an image more names'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "build" -d 'Build an image from a Containerfile'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "push" -d 'Send an image to a registry'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "save" -d 'Write images to an archive or an OCI layout directory'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "history" -d 'Show an image\'s history'
complete -c nook -n "__fish_nook_using_subcommand image; and not __fish_seen_subcommand_from inspect prune ls rm load tag build push save history import" -f -a "import" -d 'Make an image of a tarball'
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
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile (default: Containerfile, else Dockerfile, in the context)' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (several allowed); a name without a registry is localhost/NAME' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage (an AS name) only' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'When to pull base images: missing, always, never (--pull alone: always)' -r -f -a "missing\t'Pull only when the store does not have the image'
always\t'Pull every time (only missing layers are downloaded)'
never\t'Never pull: the image must be in the store'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network of RUN steps: host, none, slirp4netns, pasta (default: as nook run)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Manifest and config format of the image: oci or docker' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platform of the image: only this machine\'s (OS/ARCH) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image (KEY=VALUE)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for pulling base images, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached steps (every step runs again)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID (no steps, no RUN output)'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the image\'s new layers into one'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -l zstd -d 'Compress new layers with zstd instead of gzip'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l format -d 'Manifest format to send (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, version 2 schema 2'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of the layers sent: only the stored one (gzip for images nook builds) is supported' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (or directory, for oci-dir); default: standard output' -r -F
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker load\'s tar (manifest.json, configs, uncompressed layers)'
oci-archive\t'An OCI image layout in a tar'
oci-dir\t'An OCI image layout in a directory'"
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output format: json (default: a table)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the IDs and commands'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only the IDs'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Containerfile instruction to the config (CMD, ENV, ...)' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'The commit message, kept in the image\'s history' -r
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image ID'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c nook -n "__fish_nook_using_subcommand image; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
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
