/*
 * tlsload: closed-loop TLS load generator (OpenSSL) for the line protocol of tcp-gateway and the
 * bench reference servers: requests end with CRLF, replies with LF (a CR before it is dropped).
 *
 *   --mode=persistent  N connections, each does one TLS handshake, then sends
 *                      "ECHO <id><filler>" (payload bytes after "ECHO "), reads the whole reply
 *                      line and checks it equals the payload (the 16-hex-digit id is unique per
 *                      request, so a mixed-up reply is caught), and sends the next.
 *                      Latency: request written -> reply line read.
 *   --mode=handshake   N concurrent clients, each over and over: connect, full TLS handshake
 *                      (no resumption: client session cache off, no tickets offered, no session
 *                      ever set), "PING", read "PONG", close_notify, close.
 *                      Latency: connect() -> PONG read.
 *
 * One epoll loop per thread (--threads, default 1), non-blocking sockets and SSL objects.
 * Only requests started after the warm-up and finished before the deadline count. An error
 * (connect, TLS, I/O, timeout, bad reply) closes that connection, counts against the measured
 * request in flight, and the connection is reopened after 10 ms. Certificates are not verified.
 *
 * Output (stdout, one line):
 *   persistent: rps= p50_us= p90_us= p99_us= p999_us= max_us= ok= err= e_conn= e_tls= e_io=
 *               e_timeout= e_bad= conns= handshakes= resumed= secs= proto= cipher= group=
 *               cli_cpu= [srv_cpu= srv_cpu_us_per_op=] other_cpu=
 *   handshake:  hps= ... the same fields (ok counts completed handshake+PING rounds)
 *   cli_cpu / srv_cpu: cores busy (user+system) in the measured window, this process and, with
 *   --server-pid, the server process (all its threads); other_cpu: the rest of the machine
 *   (other processes, and kernel work not charged to either, e.g. some loopback softirq).
 *
 * Build: cc -O2 -pthread -o tlsload tlsload.c -lssl -lcrypto   (or make -C bench/tools)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define NS 1000000000LL
#define MAX_EVENTS 256
#define TICK_NS (10 * 1000000LL)  /* timeout / reconnect scan period */
#define RETRY_NS (10 * 1000000LL) /* delay before reopening a failed connection */
#define ID_LEN 16

/* ---------- log-linear latency histogram (as in tcpload): exact below 256 ns, then 128
 * buckets per power of two, so a value is reported within 0.8 % ---------- */
#define H_SUB_BITS 7
#define H_SUB (1 << H_SUB_BITS)
#define H_MAX_BITS 40
#define H_BUCKETS ((H_MAX_BITS - H_SUB_BITS + 1) * H_SUB)

typedef struct {
    uint64_t n[H_BUCKETS];
    uint64_t count, sum, max;
} hist;

static int h_index(uint64_t v) {
    if (v >= (1ULL << H_MAX_BITS)) v = (1ULL << H_MAX_BITS) - 1;
    if (v < 2 * H_SUB) return (int)v;
    int shift = 63 - __builtin_clzll(v) - H_SUB_BITS;
    return shift * H_SUB + (int)(v >> shift);
}

static uint64_t h_upper(int i) {
    if (i < 2 * H_SUB) return (uint64_t)i;
    int shift = i / H_SUB - 1;
    uint64_t mant = (uint64_t)(i - shift * H_SUB);
    return ((mant + 1) << shift) - 1;
}

static void h_record(hist *h, uint64_t v) {
    h->n[h_index(v)]++;
    h->count++;
    h->sum += v;
    if (v > h->max) h->max = v;
}

static void h_merge(hist *d, const hist *s) {
    for (int i = 0; i < H_BUCKETS; i++) d->n[i] += s->n[i];
    d->count += s->count;
    d->sum += s->sum;
    if (s->max > d->max) d->max = s->max;
}

static uint64_t h_percentile(const hist *h, double p) {
    if (!h->count) return 0;
    uint64_t rank = (uint64_t)(p / 100.0 * (double)h->count + 0.999999), seen = 0;
    if (rank < 1) rank = 1;
    for (int i = 0; i < H_BUCKETS; i++) {
        seen += h->n[i];
        if (seen >= rank) {
            uint64_t v = h_upper(i);
            return v < h->max ? v : h->max;
        }
    }
    return h->max;
}

/* ---------- configuration ---------- */
enum { M_PERSISTENT, M_HANDSHAKE };
enum { E_CONN, E_TLS, E_IO, E_TIMEOUT, E_BAD, E_KINDS };
static const char *E_NAME[E_KINDS] = {"connect", "tls", "io", "timeout", "bad reply"};

static struct sockaddr_storage g_addr;
static socklen_t g_addrlen;
static SSL_CTX *g_ctx;
static int g_mode = M_PERSISTENT, g_conns = 16, g_threads = 1, g_payload = 64, g_quiet;
static double g_duration = 5, g_warmup = 1, g_timeout = 5;
static int g_server_pid;
static char *g_req;      /* "ECHO " + payload + CRLF, or "PING\r\n" */
static int g_req_len, g_id_off;
static int g_in_cap = 4096;
static int64_t t_start, t_measure, t_deadline, timeout_ns;
static atomic_int g_noted[E_KINDS];
static atomic_int g_info_set;
static char g_proto[32] = "-", g_cipher[64] = "-", g_group[32] = "-";

/* ---------- state ---------- */
enum { S_IDLE, S_CONNECTING, S_HANDSHAKE, S_OPEN };

typedef struct {
    int fd, state, id;
    uint32_t events, seq;
    SSL *ssl;
    int64_t since;   /* S_CONNECTING/S_HANDSHAKE: connect start; S_IDLE: retry time */
    int64_t t_req;   /* when the current request (or handshake round) started; 0 = none */
    uint32_t req_seq;
    int out_len;     /* bytes of the current request still to write (all or nothing with SSL) */
    char *out, *in;
    int in_len;
} conn;

typedef struct {
    uint64_t ok, err[E_KINDS], handshakes, resumed;
    hist h;
} stats;

typedef struct {
    pthread_t tid;
    int ep, nconns;
    conn **conns;
    stats st;
} worker;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * NS + ts.tv_nsec;
}

static void write_id(char *dst, int conn_id, uint32_t seq) {
    static const char hex[] = "0123456789abcdef";
    uint64_t v = ((uint64_t)(uint32_t)conn_id << 32) | seq;
    for (int i = ID_LEN - 1; i >= 0; i--, v >>= 4) dst[i] = hex[v & 15];
}

/* The first error of each kind is printed, with OpenSSL's reason when there is one. */
static void note(int kind, const char *fmt, ...) {
    if (g_quiet || atomic_exchange(&g_noted[kind], 1)) {
        ERR_clear_error();
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlsload: first %s error: ", E_NAME[kind]);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    unsigned long e = ERR_get_error();
    if (e) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        fprintf(stderr, " (%s)", buf);
    }
    fputc('\n', stderr);
    ERR_clear_error();
}

static void set_events(worker *w, conn *c, uint32_t ev) {
    if (c->events == ev) return;
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(w->ep, EPOLL_CTL_MOD, c->fd, &e);
    c->events = ev;
}

/* Close without waiting for the peer; graceful sends close_notify first (one try, non-blocking). */
static void close_conn(conn *c, int graceful) {
    if (c->ssl) {
        if (graceful) SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
        c->ssl = NULL;
    }
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    c->state = S_IDLE;
    c->t_req = 0;
    c->out_len = c->in_len = 0;
    ERR_clear_error();
}

static int measured(int64_t t) { return t >= t_measure && t < t_deadline; }

static void fail(worker *w, conn *c, int kind, int64_t now) {
    /* the round in flight, or (idle persistent connection) the next one it would have sent */
    int64_t t = c->t_req ? c->t_req : now;
    if (measured(t) && now < t_deadline) w->st.err[kind]++;
    close_conn(c, 0);
    c->since = now + RETRY_NS;
}

static void open_conn(worker *w, conn *c, int64_t now) {
    c->since = now;
    c->t_req = (g_mode == M_HANDSHAKE) ? now_ns() : 0;
    c->fd = socket(g_addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        note(E_CONN, "socket: %s", strerror(errno));
        fail(w, c, E_CONN, now);
        return;
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&g_addr, g_addrlen) < 0 && errno != EINPROGRESS) {
        note(E_CONN, "connect: %s", strerror(errno));
        fail(w, c, E_CONN, now);
        return;
    }
    c->state = S_CONNECTING;
    c->events = EPOLLOUT;
    struct epoll_event e = {.events = EPOLLOUT, .data.ptr = c};
    epoll_ctl(w->ep, EPOLL_CTL_ADD, c->fd, &e);
}

/* Prepare the next request in c->out and try to write it. */
static void start_request(worker *w, conn *c, int64_t now);

/* SSL_write the pending request; on WANT_* wait for the socket. Returns -1 after a failure. */
static int flush_out(worker *w, conn *c, int64_t now) {
    if (!c->out_len) return 0;
    int k = SSL_write(c->ssl, c->out, c->out_len);
    if (k > 0) {
        c->out_len = 0;
        set_events(w, c, EPOLLIN);
        return 0;
    }
    int e = SSL_get_error(c->ssl, k);
    if (e == SSL_ERROR_WANT_WRITE) { set_events(w, c, EPOLLIN | EPOLLOUT); return 0; }
    if (e == SSL_ERROR_WANT_READ) { set_events(w, c, EPOLLIN); return 0; }
    note(E_IO, "SSL_write: error %d, errno %s", e, strerror(errno));
    fail(w, c, E_IO, now);
    return -1;
}

static void start_request(worker *w, conn *c, int64_t now) {
    if (now >= t_deadline) return;
    c->req_seq = c->seq++;
    if (g_mode == M_PERSISTENT) {
        c->t_req = now_ns();
        write_id(c->out + g_id_off, c->id, c->req_seq);
    }
    c->out_len = g_req_len;
    flush_out(w, c, now);
}

static void record_info(SSL *ssl) {
    if (atomic_exchange(&g_info_set, 1)) return;
    snprintf(g_proto, sizeof g_proto, "%s", SSL_get_version(ssl));
    snprintf(g_cipher, sizeof g_cipher, "%s", SSL_get_cipher_name(ssl));
#ifdef SSL_get_negotiated_group
    int nid = SSL_get_negotiated_group(ssl);
    const char *g = nid ? OBJ_nid2sn(nid) : NULL;
    if (!g && nid) g = SSL_group_to_name(ssl, nid);
    snprintf(g_group, sizeof g_group, "%s", g ? g : "-");
#endif
}

static void do_handshake(worker *w, conn *c, int64_t now) {
    int k = SSL_do_handshake(c->ssl);
    if (k == 1) {
        c->state = S_OPEN;
        if (measured(now)) {
            w->st.handshakes++;
            if (SSL_session_reused(c->ssl)) w->st.resumed++;
        }
        record_info(c->ssl);
        set_events(w, c, EPOLLIN);
        start_request(w, c, now);
        return;
    }
    int e = SSL_get_error(c->ssl, k);
    if (e == SSL_ERROR_WANT_READ) { set_events(w, c, EPOLLIN); return; }
    if (e == SSL_ERROR_WANT_WRITE) { set_events(w, c, EPOLLOUT); return; }
    note(E_TLS, "handshake: SSL error %d, errno %s", e, e == SSL_ERROR_SYSCALL ? strerror(errno) : "-");
    fail(w, c, E_TLS, now);
}

static void on_connected(worker *w, conn *c, int64_t now) {
    c->ssl = SSL_new(g_ctx);
    if (!c->ssl || !SSL_set_fd(c->ssl, c->fd)) {
        note(E_TLS, "SSL_new failed");
        fail(w, c, E_TLS, now);
        return;
    }
    SSL_set_tlsext_host_name(c->ssl, "localhost");
    SSL_set_connect_state(c->ssl);
    c->state = S_HANDSHAKE;
    do_handshake(w, c, now);
}

/* One complete reply line [p, p+n) for the request in flight. Returns -1 when c was closed. */
static int complete(worker *w, conn *c, const char *p, int n, int64_t now) {
    int ok;
    if (g_mode == M_HANDSHAKE) {
        ok = n == 4 && memcmp(p, "PONG", 4) == 0;
    } else {
        int len = g_req_len - 5 - 2; /* the payload after "ECHO " */
        char id[ID_LEN];
        write_id(id, c->id, c->req_seq);
        ok = n == len && memcmp(p, id, ID_LEN) == 0 && memcmp(p + ID_LEN, g_req + 5 + ID_LEN, n - ID_LEN) == 0;
    }
    if (!ok) {
        note(E_BAD, "got \"%.*s\"", n < 120 ? n : 120, p);
        fail(w, c, E_BAD, now);
        return -1;
    }
    if (measured(c->t_req) && now < t_deadline) {
        w->st.ok++;
        h_record(&w->st.h, (uint64_t)(now - c->t_req));
    }
    c->t_req = 0;
    if (g_mode == M_HANDSHAKE) {
        close_conn(c, 1);
        if (now < t_deadline) open_conn(w, c, now);
        return -1;
    }
    start_request(w, c, now);
    return c->state == S_OPEN ? 0 : -1;
}

static void on_readable(worker *w, conn *c, int64_t now) {
    for (;;) {
        if (c->in_len == g_in_cap) {
            note(E_BAD, "reply longer than %d bytes", g_in_cap);
            fail(w, c, E_BAD, now);
            return;
        }
        int k = SSL_read(c->ssl, c->in + c->in_len, g_in_cap - c->in_len);
        if (k <= 0) {
            int e = SSL_get_error(c->ssl, k);
            if (e == SSL_ERROR_WANT_READ) return;
            if (e == SSL_ERROR_WANT_WRITE) { set_events(w, c, EPOLLIN | EPOLLOUT); return; }
            if (e == SSL_ERROR_ZERO_RETURN) note(E_IO, "server closed the connection (close_notify)");
            else note(E_IO, "SSL_read: error %d, errno %s", e, e == SSL_ERROR_SYSCALL ? strerror(errno) : "-");
            fail(w, c, E_IO, now);
            return;
        }
        c->in_len += k;
        now = now_ns();
        char *nl;
        while ((nl = memchr(c->in, '\n', c->in_len))) {
            int used = (int)(nl - c->in) + 1, n = used - 1;
            if (n && c->in[n - 1] == '\r') n--;
            if (!c->t_req) {
                note(E_BAD, "unsolicited reply \"%.*s\"", n < 120 ? n : 120, c->in);
                fail(w, c, E_BAD, now);
                return;
            }
            /* complete() reads the line before anything moves; -1: the connection was closed
             * (or, in handshake mode, replaced by the next one) */
            if (complete(w, c, c->in, n, now) < 0) return;
            memmove(c->in, c->in + used, c->in_len - used);
            c->in_len -= used;
        }
    }
}

static void on_event(worker *w, conn *c, uint32_t ev, int64_t now) {
    switch (c->state) {
    case S_CONNECTING:
        if (ev & (EPOLLERR | EPOLLHUP)) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
            note(E_CONN, "connect: %s", err ? strerror(err) : "failed");
            fail(w, c, E_CONN, now);
        } else {
            on_connected(w, c, now);
        }
        return;
    case S_HANDSHAKE:
        do_handshake(w, c, now);
        return;
    case S_OPEN:
        if ((ev & EPOLLOUT) && c->out_len && flush_out(w, c, now) < 0) return;
        if (c->state == S_OPEN) on_readable(w, c, now);
        return;
    }
}

static void tick(worker *w, int64_t now) {
    for (int i = 0; i < w->nconns; i++) {
        conn *c = w->conns[i];
        if (c->state == S_IDLE) {
            if (c->since <= now && now < t_deadline) open_conn(w, c, now);
        } else if (c->t_req && now - c->t_req > timeout_ns) {
            note(E_TIMEOUT, "no reply within %g s", g_timeout);
            fail(w, c, E_TIMEOUT, now);
        } else if (c->state != S_OPEN && now - c->since > timeout_ns) {
            note(E_TIMEOUT, "connect/handshake not done within %g s", g_timeout);
            fail(w, c, E_TIMEOUT, now);
        }
    }
}

static void *worker_main(void *arg) {
    worker *w = arg;
    struct epoll_event evs[MAX_EVENTS];
    int64_t now = now_ns(), next_tick = now + TICK_NS;
    for (int i = 0; i < w->nconns; i++) open_conn(w, w->conns[i], now);
    while (now < t_deadline) {
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, TICK_NS / 1000000);
        now = now_ns();
        for (int i = 0; i < n; i++) on_event(w, evs[i].data.ptr, evs[i].events, now);
        if (now >= next_tick) {
            next_tick = now + TICK_NS;
            tick(w, now);
        }
    }
    for (int i = 0; i < w->nconns; i++) close_conn(w->conns[i], 0);
    return NULL;
}

/* ---------- CPU accounting ---------- */
static double self_cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* utime + stime of a process, all threads, in seconds; -1 if unreadable */
static double proc_cpu_s(int pid) {
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    unsigned long long ut = 0, st = 0;
    /* after ") ": state(3) ... utime is field 14, stime 15 */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* busy CPU time of the whole machine in seconds (user nice system irq softirq steal) */
static double machine_cpu_s(void) {
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return -1;
    unsigned long long v[8] = {0};
    int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                   &v[6], &v[7]);
    fclose(f);
    if (n != 8) return -1;
    return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)sysconf(_SC_CLK_TCK);
}

static void sleep_until(int64_t t) {
    int64_t d;
    while ((d = t - now_ns()) > 0) {
        struct timespec ts = {d / NS, d % NS};
        nanosleep(&ts, NULL);
    }
}

/* ---------- setup ---------- */
static void usage(FILE *f) {
    fprintf(f,
        "usage: tlsload [options]\n"
        "  --mode=persistent|handshake  (default persistent)\n"
        "  --host=127.0.0.1|localhost   --port=N (required)\n"
        "  --connections=N              connections / concurrent clients (default 16, max 10000)\n"
        "  --threads=N                  epoll threads (default 1)\n"
        "  --warmup=SECS                unmeasured load first (default 1, max 600)\n"
        "  --duration=SECS              measured window, a hard cap (default 5, max 3600)\n"
        "  --payload=BYTES              ECHO payload, %d..16384 (default 64)\n"
        "  --tls-version=1.3|1.2        (default 1.3)\n"
        "  --groups=LIST                key-exchange groups, OpenSSL syntax (default OpenSSL's)\n"
        "  --timeout=SECS               per request / handshake (default 5)\n"
        "  --server-pid=PID             also report that process's CPU in the window\n"
        "  --quiet                      no first-error lines on stderr\n",
        ID_LEN);
}

static double num_arg(const char *s, const char *what, double lo, double hi) {
    char *end;
    double v = strtod(s, &end);
    if (*s == 0 || *end != 0 || v < lo || v > hi) {
        fprintf(stderr, "tlsload: bad --%s '%s' (allowed %g..%g)\n", what, s, lo, hi);
        exit(2);
    }
    return v;
}

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "tlsload: hard time limit reached, exiting\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(3);
}

int main(int argc, char **argv) {
    enum { O_MODE = 1000, O_HOST, O_PORT, O_CONNS, O_THREADS, O_WARMUP, O_DURATION, O_PAYLOAD,
           O_TLSV, O_GROUPS, O_TIMEOUT, O_PID, O_QUIET, O_HELP };
    static const struct option opts[] = {
        {"mode", required_argument, 0, O_MODE}, {"host", required_argument, 0, O_HOST},
        {"port", required_argument, 0, O_PORT}, {"connections", required_argument, 0, O_CONNS},
        {"threads", required_argument, 0, O_THREADS}, {"warmup", required_argument, 0, O_WARMUP},
        {"duration", required_argument, 0, O_DURATION}, {"payload", required_argument, 0, O_PAYLOAD},
        {"tls-version", required_argument, 0, O_TLSV}, {"groups", required_argument, 0, O_GROUPS},
        {"timeout", required_argument, 0, O_TIMEOUT}, {"server-pid", required_argument, 0, O_PID},
        {"quiet", no_argument, 0, O_QUIET}, {"help", no_argument, 0, O_HELP}, {0, 0, 0, 0}};
    const char *host = "127.0.0.1", *groups = NULL;
    int port = 0, tlsv = TLS1_3_VERSION, o;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_MODE:
            if (!strcmp(optarg, "persistent")) g_mode = M_PERSISTENT;
            else if (!strcmp(optarg, "handshake")) g_mode = M_HANDSHAKE;
            else { fprintf(stderr, "tlsload: --mode is persistent or handshake\n"); return 2; }
            break;
        case O_HOST: host = optarg; break;
        case O_PORT: port = (int)num_arg(optarg, "port", 1, 65535); break;
        case O_CONNS: g_conns = (int)num_arg(optarg, "connections", 1, 10000); break;
        case O_THREADS: g_threads = (int)num_arg(optarg, "threads", 1, 64); break;
        case O_WARMUP: g_warmup = num_arg(optarg, "warmup", 0, 600); break;
        case O_DURATION: g_duration = num_arg(optarg, "duration", 0.1, 3600); break;
        case O_PAYLOAD: g_payload = (int)num_arg(optarg, "payload", ID_LEN, 16384); break;
        case O_TLSV:
            if (!strcmp(optarg, "1.3") || !strcmp(optarg, "TLSv1.3")) tlsv = TLS1_3_VERSION;
            else if (!strcmp(optarg, "1.2") || !strcmp(optarg, "TLSv1.2")) tlsv = TLS1_2_VERSION;
            else { fprintf(stderr, "tlsload: --tls-version is 1.3 or 1.2\n"); return 2; }
            break;
        case O_GROUPS: groups = optarg; break;
        case O_TIMEOUT: g_timeout = num_arg(optarg, "timeout", 0.01, 60); break;
        case O_PID: g_server_pid = (int)num_arg(optarg, "server-pid", 1, 1 << 30); break;
        case O_QUIET: g_quiet = 1; break;
        case O_HELP: usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc || !port) { usage(stderr); return 2; }
    if (strcmp(host, "127.0.0.1") && strcmp(host, "localhost")) {
        fprintf(stderr, "tlsload: --host must be 127.0.0.1 or localhost\n");
        return 2;
    }
    if (g_threads > g_conns) g_threads = g_conns;

    /* resolve to IPv4 loopback only */
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
    char ports[8];
    snprintf(ports, sizeof ports, "%d", port);
    if (getaddrinfo(host, ports, &hints, &ai)) { fprintf(stderr, "tlsload: cannot resolve %s\n", host); return 2; }
    memcpy(&g_addr, ai->ai_addr, ai->ai_addrlen);
    g_addrlen = ai->ai_addrlen;
    freeaddrinfo(ai);
    if (((struct sockaddr_in *)&g_addr)->sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        fprintf(stderr, "tlsload: %s is not 127.0.0.1\n", host);
        return 2;
    }

    /* the client TLS context: no verification, no resumption of any kind */
    g_ctx = SSL_CTX_new(TLS_client_method());
    if (!g_ctx) { fprintf(stderr, "tlsload: SSL_CTX_new failed\n"); return 1; }
    SSL_CTX_set_min_proto_version(g_ctx, tlsv);
    SSL_CTX_set_max_proto_version(g_ctx, tlsv);
    SSL_CTX_set_verify(g_ctx, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_session_cache_mode(g_ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(g_ctx, SSL_OP_NO_TICKET);
    if (groups && !SSL_CTX_set1_groups_list(g_ctx, groups)) {
        fprintf(stderr, "tlsload: bad --groups '%s'\n", groups);
        return 2;
    }

    /* the request: "ECHO " + id + filler + CRLF, or PING */
    if (g_mode == M_PERSISTENT) {
        g_req_len = 5 + g_payload + 2;
        g_req = malloc(g_req_len);
        memcpy(g_req, "ECHO ", 5);
        memset(g_req + 5, 'x', g_payload);
        memset(g_req + 5, '0', ID_LEN);
        g_id_off = 5;
        g_req[g_req_len - 2] = '\r', g_req[g_req_len - 1] = '\n';
        if (g_in_cap < 2 * g_payload + 64) g_in_cap = 2 * g_payload + 64;
    } else {
        g_req = strdup("PING\r\n");
        g_req_len = 6;
    }

    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, on_alarm);
    alarm((unsigned)(g_warmup + g_duration + 2 * g_timeout + 30)); /* hard cap on the whole run */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);

    timeout_ns = (int64_t)(g_timeout * NS);
    t_start = now_ns();
    t_measure = t_start + (int64_t)(g_warmup * NS);
    t_deadline = t_measure + (int64_t)(g_duration * NS);

    worker *ws = calloc(g_threads, sizeof *ws);
    for (int t = 0; t < g_threads; t++) {
        ws[t].ep = epoll_create1(EPOLL_CLOEXEC);
        ws[t].conns = calloc(g_conns / g_threads + 1, sizeof(conn *));
        if (ws[t].ep < 0 || !ws[t].conns) { perror("tlsload: init"); return 1; }
    }
    for (int i = 0; i < g_conns; i++) {
        worker *w = &ws[i % g_threads];
        conn *c = calloc(1, sizeof *c);
        c->fd = -1;
        c->id = i;
        c->out = malloc(g_req_len);
        c->in = malloc(g_in_cap);
        if (!c->out || !c->in) { perror("tlsload: malloc"); return 1; }
        memcpy(c->out, g_req, g_req_len);
        w->conns[w->nconns++] = c;
    }
    for (int t = 0; t < g_threads; t++) pthread_create(&ws[t].tid, NULL, worker_main, &ws[t]);

    /* the main thread only samples CPU at the window's edges */
    sleep_until(t_measure);
    double cli0 = self_cpu_s(), srv0 = g_server_pid ? proc_cpu_s(g_server_pid) : -1, all0 = machine_cpu_s();
    int64_t m0 = now_ns();
    sleep_until(t_deadline);
    double cli1 = self_cpu_s(), srv1 = g_server_pid ? proc_cpu_s(g_server_pid) : -1, all1 = machine_cpu_s();
    int64_t m1 = now_ns();
    for (int t = 0; t < g_threads; t++) pthread_join(ws[t].tid, NULL);

    stats all = {0};
    for (int t = 0; t < g_threads; t++) {
        all.ok += ws[t].st.ok;
        all.handshakes += ws[t].st.handshakes;
        all.resumed += ws[t].st.resumed;
        for (int k = 0; k < E_KINDS; k++) all.err[k] += ws[t].st.err[k];
        h_merge(&all.h, &ws[t].st.h);
    }
    uint64_t err = 0;
    for (int k = 0; k < E_KINDS; k++) err += all.err[k];
    double secs = g_duration, wall = (double)(m1 - m0) / NS;
    double rate = (double)all.ok / secs;
    printf("%s=%.0f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f ok=%llu err=%llu "
           "e_conn=%llu e_tls=%llu e_io=%llu e_timeout=%llu e_bad=%llu conns=%d handshakes=%llu "
           "resumed=%llu secs=%.2f proto=%s cipher=%s group=%s cli_cpu=%.2f",
           g_mode == M_HANDSHAKE ? "hps" : "rps", rate, h_percentile(&all.h, 50) / 1e3,
           h_percentile(&all.h, 90) / 1e3, h_percentile(&all.h, 99) / 1e3, h_percentile(&all.h, 99.9) / 1e3,
           all.h.max / 1e3, (unsigned long long)all.ok, (unsigned long long)err,
           (unsigned long long)all.err[E_CONN], (unsigned long long)all.err[E_TLS],
           (unsigned long long)all.err[E_IO], (unsigned long long)all.err[E_TIMEOUT],
           (unsigned long long)all.err[E_BAD], g_conns, (unsigned long long)all.handshakes,
           (unsigned long long)all.resumed, secs, g_proto, g_cipher, g_group,
           wall > 0 ? (cli1 - cli0) / wall : 0);
    double other = (all1 - all0) - (cli1 - cli0);
    if (g_server_pid) {
        if (srv0 >= 0 && srv1 >= 0) {
            printf(" srv_cpu=%.2f srv_cpu_us_per_op=%.1f", wall > 0 ? (srv1 - srv0) / wall : 0,
                   all.ok ? (srv1 - srv0) * 1e6 / (double)all.ok : 0);
            other -= srv1 - srv0;
        } else {
            printf(" srv_cpu=na srv_cpu_us_per_op=na");
        }
    }
    /* everything else on the machine (kernel softirq work for loopback included), in cores */
    if (all0 >= 0 && all1 >= 0) printf(" other_cpu=%.2f", wall > 0 && other > 0 ? other / wall : 0);
    printf("\n");
    return 0;
}
