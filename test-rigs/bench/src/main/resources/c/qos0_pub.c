/*
 * Streetsense bench: the broker and subscriber ceiling. Publishes COUNT copies of the payload
 * read from PAYLOAD_FILE to TOPIC at QoS 0, as fast as libmosquitto writes them, on one
 * connection to 127.0.0.1:PORT, then disconnects. No threads: mosquitto_publish writes directly
 * to the socket while it accepts bytes; whatever it queued is flushed with mosquitto_loop every
 * 64 messages and at the end, so the client's queue stays small.
 *
 * Usage: qos0_pub PORT TOPIC PAYLOAD_FILE COUNT (payloads up to 1 MiB)
 * Exit status: 0 when every message was handed to the socket, 1 on bad arguments, 2 on a
 * connection or publish error (the message names it on stderr).
 */
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAYLOAD (1024 * 1024)

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s PORT TOPIC PAYLOAD_FILE COUNT\n", argv[0]);
    return 1;
  }
  int port = atoi(argv[1]);
  const char *topic = argv[2];
  long count = atol(argv[4]);
  static char payload[MAX_PAYLOAD];
  FILE *f = fopen(argv[3], "rb");
  if (f == NULL || port <= 0 || count <= 0) {
    fprintf(stderr, "qos0_pub: bad port, count or payload file %s\n", argv[3]);
    return 1;
  }
  size_t len = fread(payload, 1, sizeof payload, f);
  int longer = fgetc(f) != EOF;
  fclose(f);
  if (longer) {
    fprintf(stderr, "qos0_pub: payload file %s is larger than %d bytes\n", argv[3], MAX_PAYLOAD);
    return 1;
  }

  mosquitto_lib_init();
  struct mosquitto *m = mosquitto_new("bench-qos0-c", true, NULL);
  if (m == NULL) {
    fprintf(stderr, "qos0_pub: mosquitto_new failed\n");
    return 2;
  }
  int rc = mosquitto_connect(m, "127.0.0.1", port, 60);
  if (rc != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "qos0_pub: connect: %s\n", mosquitto_strerror(rc));
    return 2;
  }
  for (long i = 0; i < count; i++) {
    rc = mosquitto_publish(m, NULL, topic, (int) len, payload, 0, false);
    if (rc != MOSQ_ERR_SUCCESS) {
      fprintf(stderr, "qos0_pub: publish %ld: %s\n", i, mosquitto_strerror(rc));
      return 2;
    }
    if ((i & 63) == 63) {
      rc = mosquitto_loop(m, 0, 1);
      if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "qos0_pub: loop: %s\n", mosquitto_strerror(rc));
        return 2;
      }
    }
  }
  while (mosquitto_want_write(m)) {
    rc = mosquitto_loop(m, 100, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
      fprintf(stderr, "qos0_pub: flush: %s\n", mosquitto_strerror(rc));
      return 2;
    }
  }
  mosquitto_disconnect(m);
  mosquitto_loop(m, 100, 1);
  mosquitto_destroy(m);
  mosquitto_lib_cleanup();
  return 0;
}
