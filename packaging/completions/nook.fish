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
complete -c nook -n "__fish_nook_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c nook -n "__fish_nook_needs_command" -f -a "login" -d 'Log in to a registry (credentials are stored in auth.json, like podman\'s)'
complete -c nook -n "__fish_nook_needs_command" -f -a "logout" -d 'Log out of a registry'
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
complete -c nook -n "__fish_nook_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [HOSTIP:][HOSTPORT:]CTRPORT[/tcp|/udp], ranges as 8000-8002:80-82' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns -d 'DNS server for the container\'s /etc/resolv.conf (default: the network\'s forwarder)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-search -d 'DNS search domain ("." for none)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l dns-option -d 'DNS resolver option (as in resolv.conf\'s options line)' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l add-host -d 'Add a line to the container\'s /etc/hosts' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l userns -d 'User namespace mode: keep-id maps your uid and gid to the same ids inside' -r
complete -c nook -n "__fish_nook_using_subcommand run" -l rootfs -d 'The first argument is a directory to use as the root file system, not an image'
complete -c nook -n "__fish_nook_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c nook -n "__fish_nook_using_subcommand run" -s i -l interactive -d 'Keep standard input open and pass it to the container'
complete -c nook -n "__fish_nook_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal for the container'
complete -c nook -n "__fish_nook_using_subcommand run" -l privileged -d 'Give the container every capability and no masked or read-only paths'
complete -c nook -n "__fish_nook_using_subcommand run" -l init -d 'Run a minimal init as PID 1 that forwards signals and reaps zombies'
complete -c nook -n "__fish_nook_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a free host port (--rootfs directories expose none: this waits for images)'
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
complete -c nook -n "__fish_nook_using_subcommand pull" -l platform -d 'Platform of a multi-platform image: OS/ARCH[/VARIANT] (default: this machine\'s)' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates; --tls-verify=false allows plain HTTP' -r -f -a "true\t''
false\t''"
complete -c nook -n "__fish_nook_using_subcommand pull" -l creds -d 'Credentials for the registry, instead of the stored ones' -r
complete -c nook -n "__fish_nook_using_subcommand pull" -s q -l quiet -d 'Print only the digest, no progress'
complete -c nook -n "__fish_nook_using_subcommand pull" -s h -l help -d 'Print help'
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
