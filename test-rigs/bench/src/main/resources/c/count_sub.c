/*
 * Streetsense bench: the counting subscriber. Subscribes to FILTER at QoS 1 on 127.0.0.1:PORT
 * (clean session, client id ID) and prints one line per message received: the number of
 * readings in it, that is its "seq": fields (a batched payload is a JSON array of readings), and
 * at least 1. Lines are written once per network loop pass, so a message's line leaves as soon as
 * the pass that read it ends; the payload itself is never copied out, so counting costs the
 * machine little next to what it measures (mosquitto_sub would print every payload byte to a
 * pipe for the bench to scan).
 *
 * With "stamp" as a fourth argument (for latency) each message's line is instead
 * "READINGS NANOS TOPIC LENGTH", NANOS being its arrival time on CLOCK_MONOTONIC (the clock of
 * Java's System.nanoTime on Linux), followed by the LENGTH payload bytes and a newline.
 *
 * Usage: count_sub PORT FILTER ID [stamp]
 * Exit status: 0 on SIGTERM or SIGINT, 1 on bad arguments, 2 on a connection, subscription or
 * output error (the message names it on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <mosquitto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char SEQ[] = "\"seq\":";
static char out[64 * 1024];
static size_t out_len;
static const char *filter;
static int stamp;
static volatile sig_atomic_t running = 1;

static void stop(int sig) {
  (void) sig;
  running = 0;
}

static void flush_out(void) {
  size_t done = 0;
  while (done < out_len) {
    ssize_t n = write(STDOUT_FILENO, out + done, out_len - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      /* the bench closed its end: nobody is counting any more */
      exit(running ? 2 : 0);
    }
    done += (size_t) n;
  }
  out_len = 0;
}

/* Appends n bytes to the output, flushing first when they do not fit; a block larger than the
 * buffer goes through it in parts. */
static void put(const void *bytes, size_t n) {
  if (out_len + n > sizeof out) {
    flush_out();
  }
  if (n > sizeof out) {
    const char *b = bytes;
    while (n > 0) {
      size_t part = n < sizeof out ? n : sizeof out;
      memcpy(out, b, part);
      out_len = part;
      flush_out();
      b += part;
      n -= part;
    }
    return;
  }
  memcpy(out + out_len, bytes, n);
  out_len += n;
}

static void on_connect(struct mosquitto *m, void *user, int rc) {
  (void) user;
  if (rc != 0) {
    fprintf(stderr, "count_sub: connection refused: %s\n", mosquitto_connack_string(rc));
    exit(2);
  }
  rc = mosquitto_subscribe(m, NULL, filter, 1);
  if (rc != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "count_sub: subscribe %s: %s\n", filter, mosquitto_strerror(rc));
    exit(2);
  }
}

static void on_message(struct mosquitto *m, void *user, const struct mosquitto_message *msg) {
  (void) m;
  (void) user;
  const char *p = msg->payload;
  size_t left = msg->payloadlen > 0 ? (size_t) msg->payloadlen : 0;
  long readings = 0;
  const char *hit;
  while (left >= sizeof SEQ - 1 && (hit = memmem(p, left, SEQ, sizeof SEQ - 1)) != NULL) {
    readings++;
    left -= (size_t) (hit - p) + sizeof SEQ - 1;
    p = hit + sizeof SEQ - 1;
  }
  if (readings == 0) {
    readings = 1;
  }
  if (!stamp) {
    if (out_len > sizeof out - 24) {
      flush_out();
    }
    out_len += (size_t) snprintf(out + out_len, sizeof out - out_len, "%ld\n", readings);
    return;
  }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  char head[64];
  int n = snprintf(head, sizeof head, "%ld %lld ", readings,
      (long long) now.tv_sec * 1000000000LL + now.tv_nsec);
  put(head, (size_t) n);
  put(msg->topic, strlen(msg->topic));
  n = snprintf(head, sizeof head, " %d\n", msg->payloadlen);
  put(head, (size_t) n);
  put(msg->payload, msg->payloadlen > 0 ? (size_t) msg->payloadlen : 0);
  put("\n", 1);
}

int main(int argc, char **argv) {
  if (argc != 4 && !(argc == 5 && strcmp(argv[4], "stamp") == 0)) {
    fprintf(stderr, "usage: %s PORT FILTER ID [stamp]\n", argv[0]);
    return 1;
  }
  stamp = argc == 5;
  int port = atoi(argv[1]);
  filter = argv[2];
  if (port <= 0) {
    fprintf(stderr, "count_sub: bad port %s\n", argv[1]);
    return 1;
  }
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  signal(SIGPIPE, SIG_IGN);
  mosquitto_lib_init();
  struct mosquitto *m = mosquitto_new(argv[3], true, NULL);
  if (m == NULL) {
    fprintf(stderr, "count_sub: mosquitto_new failed\n");
    return 2;
  }
  mosquitto_connect_callback_set(m, on_connect);
  mosquitto_message_callback_set(m, on_message);
  int rc = mosquitto_connect(m, "127.0.0.1", port, 60);
  if (rc != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "count_sub: connect: %s\n", mosquitto_strerror(rc));
    return 2;
  }
  while (running) {
    rc = mosquitto_loop(m, 100, 1);
    if (out_len > 0) {
      flush_out();
    }
    if (rc != MOSQ_ERR_SUCCESS && running) {
      fprintf(stderr, "count_sub: loop: %s\n", mosquitto_strerror(rc));
      return 2;
    }
  }
  mosquitto_disconnect(m);
  mosquitto_destroy(m);
  mosquitto_lib_cleanup();
  return 0;
}
