/* probe: run inside a container by the hostile-container tests (tests/security.rs).
 * Makes each system call or file access an attacker would try and prints one JSON object:
 * {"name": errno, ...}, 0 meaning the call succeeded. Built static by the tests. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

static int first = 1;

static void report(const char *name, long ret) {
    printf("%s\"%s\": %d", first ? "{" : ", ", name, ret < 0 ? errno : 0);
    first = 0;
}

static void value(const char *name, long v) {
    printf("%s\"%s\": %ld", first ? "{" : ", ", name, v);
    first = 0;
}

static long try_clone(unsigned long flags) {
    long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid(pid, NULL, 0);
    return pid < 0 ? -1 : 0;
}

static long write_file(const char *path) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return -1;
    long r = write(fd, "x", 1);
    int saved = errno;
    close(fd);
    errno = saved;
    return r < 0 ? -1 : 0;
}

static long read_len(const char *path) {
    char buf[4096];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -errno;
    long n = read(fd, buf, sizeof buf);
    close(fd);
    return n;
}

int main(int argc, char **argv) {
    long host_pid = argc > 1 ? atol(argv[1]) : 999999;
    char zero[256];
    memset(zero, 0, sizeof zero);

    /* "lifted": only calls that change nothing outside the container, to show what
     * --security-opt seccomp=unconfined lets through. */
    if (argc > 2 && strcmp(argv[2], "lifted") == 0) {
        report("keyctl", syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3 /* session */, 0));
        report("unshare_user", syscall(SYS_unshare, CLONE_NEWUSER));
        printf("}\n");
        return 0;
    }

    report("mount", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, NULL));
    report("umount2", syscall(SYS_umount2, "/proc", MNT_DETACH));
    report("reboot", syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
                             LINUX_REBOOT_CMD_CAD_OFF, NULL));
    report("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
    report("init_module", syscall(SYS_init_module, zero, 0, ""));
    report("finit_module", syscall(SYS_finit_module, -1, "", 0));
    report("swapon", syscall(SYS_swapon, "/dev/null", 0));
    report("keyctl", syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3 /* session */, 0));
    report("add_key", syscall(SYS_add_key, "user", "nook-probe", "x", 1, -3));
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    report("bpf", syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr));
    struct perf_event_attr pe;
    memset(&pe, 0, sizeof pe);
    pe.size = sizeof pe;
    pe.type = PERF_TYPE_SOFTWARE;
    pe.config = PERF_COUNT_SW_CPU_CLOCK;
    report("perf_event_open", syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0));
    report("unshare_user", syscall(SYS_unshare, CLONE_NEWUSER));
    report("unshare_mount", syscall(SYS_unshare, CLONE_NEWNS));
    int ns = open("/proc/self/ns/mnt", O_RDONLY);
    report("setns", syscall(SYS_setns, ns, 0));
    report("clone_newns", try_clone(CLONE_NEWNS));
    report("clone_thread_like", try_clone(0));
    report("clone3", syscall(SYS_clone3, zero, 64));
    report("open_by_handle_at", syscall(SYS_open_by_handle_at, AT_FDCWD, zero, O_RDONLY));
    report("socket_vsock", syscall(SYS_socket, 40, SOCK_STREAM, 0));
    report("personality_bsd", syscall(SYS_personality, 0x0006));
    report("write_sysrq_trigger", write_file("/proc/sysrq-trigger"));
    report("write_sys", write_file("/sys/class/net/lo/tx_queue_len"));
    report("mkdir_sys", mkdir("/sys/nook-probe", 0755));
    report("open_pid1_exe_write", open("/proc/1/exe", O_WRONLY));
    report("kill_host_pid", kill((pid_t)host_pid, 0));
    value("kcore_bytes", read_len("/proc/kcore"));
    value("keys_bytes", read_len("/proc/keys"));

    struct stat root, dotdot, pid1root;
    stat("/", &root);
    stat("/..", &dotdot);
    stat("/proc/1/root/..", &pid1root);
    value("dotdot_is_root", dotdot.st_ino == root.st_ino && dotdot.st_dev == root.st_dev);
    value("pid1_root_dotdot_is_root", pid1root.st_ino == root.st_ino && pid1root.st_dev == root.st_dev);

    long pids = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9') pids++;
    if (d) closedir(d);
    value("visible_pids", pids);
    printf("}\n");
    return 0;
}
