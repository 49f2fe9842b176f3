/*
 * LD_PRELOAD shim for a bench comparison (bench/run-ngircd.sh with NGIRCD_NODELAY=1): turns
 * Nagle's algorithm off (TCP_NODELAY) on every connection the process accepts.
 *
 * ngIRCd leaves Nagle's algorithm on: a line written while the client has not yet acknowledged
 * the previous one waits for that acknowledgement (up to the client's 40 ms delayed ACK) and
 * leaves with whatever follows it, in fewer, larger segments. That costs latency (ngIRCd's paced
 * p99 is 35.7 ms) and saves CPU. tuichat-server sends every line at once (TCP_NODELAY). With
 * this shim ngIRCd does the same, so the two can also be compared at the same latency policy.
 *
 * Build: cc -shared -fPIC -O2 -o ngircd-nodelay.so ngircd-nodelay.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static int no_delay(int fd)
{
    if (fd >= 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

int accept(int socket, struct sockaddr *address, socklen_t *length)
{
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real) {
        real = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT, "accept");
    }
    return no_delay(real(socket, address, length));
}

int accept4(int socket, struct sockaddr *address, socklen_t *length, int flags)
{
    static int (*real)(int, struct sockaddr *, socklen_t *, int);
    if (!real) {
        real = (int (*)(int, struct sockaddr *, socklen_t *, int))dlsym(RTLD_NEXT, "accept4");
    }
    return no_delay(real(socket, address, length, flags));
}
