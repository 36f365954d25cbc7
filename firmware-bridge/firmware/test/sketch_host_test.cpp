/*
 * Runs the reference sketch's setup()/loop() on the host against test/Arduino.h and checks its
 * protocol behaviour: HELLO at boot, CAPABILITIES, ACK/NACK, READINGs, EVENTs, heartbeats.
 */
#include "Arduino.h"

HostPins host_pins;
unsigned long host_millis = 0;
HostSerial Serial;

#include "../sketch/streetsense_board/streetsense_board.ino"

#include <stdio.h>
#include <string.h>

static int failures = 0;
#define CHECK(cond, msg)                                  \
  do {                                                    \
    if (!(cond)) {                                        \
      failures++;                                         \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, msg); \
    }                                                     \
  } while (0)

struct Seen {
  int count;
  ss_packet last[64];
  uint8_t payloads[64][SS_MAX_PAYLOAD];
};

/* Decodes everything the sketch wrote since the last call. */
static Seen drain() {
  static ss_decoder d;
  static bool init = false;
  Seen seen;
  seen.count = 0;
  if (!init) {
    ss_decoder_init(&d);
    init = true;
  }
  for (size_t i = 0; i < Serial.tx_len; i++) {
    ss_packet p;
    if (ss_decoder_feed(&d, Serial.tx[i], &p) == 1 && seen.count < 64) {
      memcpy(seen.payloads[seen.count], p.payload, p.length);
      seen.last[seen.count] = p;
      seen.last[seen.count].payload = seen.payloads[seen.count];
      seen.count++;
    }
  }
  Serial.tx_len = 0;
  return seen;
}

static uint16_t host_seq = 500;

static uint16_t host_send(uint8_t type, const uint8_t *payload, uint8_t len) {
  uint8_t frame[SS_FRAME_BUFFER];
  size_t n = ss_frame_build(type, host_seq, payload, len, frame, sizeof(frame));
  memcpy(Serial.rx + Serial.rx_len, frame, n);
  Serial.rx_len += n;
  return host_seq++;
}

static const ss_packet *find(Seen &s, uint8_t type) {
  for (int i = 0; i < s.count; i++) {
    if (s.last[i].type == type) return &s.last[i];
  }
  return NULL;
}

int main() {
  setup();
  Seen boot = drain();
  CHECK(boot.count == 1 && boot.last[0].type == SS_HELLO, "HELLO after boot");
  CHECK(boot.count == 1 && memcmp(boot.last[0].payload + 5, "uno-1", 5) == 0, "board id");

  host_send(SS_CAPABILITIES_REQUEST, NULL, 0);
  loop();
  Seen caps = drain();
  const ss_packet *c = find(caps, SS_CAPABILITIES);
  CHECK(c != NULL, "CAPABILITIES answered");
  CHECK(c != NULL && c->payload[0] == 17, "16 pins and the ranger");

  uint8_t cfg[5] = {SS_OP_CONFIGURE, 14, SS_MODE_ANALOG_INPUT, 100, 0};
  uint16_t seq = host_send(SS_COMMAND, cfg, 5);
  loop();
  Seen ack = drain();
  const ss_packet *a = find(ack, SS_ACK);
  CHECK(a != NULL && ss_get_u16(a->payload) == seq, "configure A0 acked with its seq");

  host_pins.analog[14] = 777;
  host_millis = 150;
  loop();
  Seen r = drain();
  const ss_packet *reading = find(r, SS_READING);
  CHECK(reading != NULL && reading->payload[0] == 14 && reading->payload[1] == SS_UNIT_COUNTS &&
            ss_get_u32(reading->payload + 3) == 777,
        "A0 reading of 777 counts");

  uint8_t set[3] = {SS_OP_SET_DIGITAL, 13, 1};
  seq = host_send(SS_COMMAND, set, 3);
  loop();
  Seen nack = drain();
  const ss_packet *n = find(nack, SS_NACK);
  CHECK(n != NULL && ss_get_u16(n->payload) == seq && n->payload[2] == SS_NACK_WRONG_MODE,
        "write to unconfigured D13 refused");

  uint8_t out[5] = {SS_OP_CONFIGURE, 13, SS_MODE_DIGITAL_OUTPUT, 0, 0};
  host_send(SS_COMMAND, out, 5);
  host_send(SS_COMMAND, set, 3);
  loop();
  drain();
  CHECK(host_pins.level[13] == 1 && host_pins.mode[13] == OUTPUT, "D13 driven high");

  uint8_t in[5] = {SS_OP_CONFIGURE, 2, SS_MODE_DIGITAL_INPUT, 0, 0};
  host_pins.level[2] = 0;
  host_send(SS_COMMAND, in, 5);
  loop();
  Seen configured = drain();
  const ss_packet *level = find(configured, SS_READING);
  CHECK(level != NULL && level->payload[0] == 2 && level->payload[1] == SS_UNIT_LEVEL &&
            ss_get_u32(level->payload + 3) == 0,
        "configuring D2 as input (no sampling) reports its level at once");
  CHECK(find(configured, SS_ACK) != NULL && find(configured, SS_ACK) < level, "the level after the ACK");
  host_pins.level[2] = 1;
  host_millis = 200;
  loop();
  Seen ev = drain();
  const ss_packet *e = find(ev, SS_EVENT);
  CHECK(e != NULL && e->payload[0] == 2 && e->payload[1] == 1 && ss_get_u32(e->payload + 2) == 200,
        "rising edge on D2 at 200 ms");

  uint8_t ranger[5] = {SS_OP_CONFIGURE, 100, SS_MODE_DISTANCE, 50, 0};
  host_send(SS_COMMAND, ranger, 5);
  loop();
  drain();
  host_pins.echo_us = 5831; /* about 1 m */
  host_millis = 260;
  loop();
  Seen dist = drain();
  const ss_packet *dr = NULL;
  for (int i = 0; i < dist.count; i++) {
    if (dist.last[i].type == SS_READING && dist.last[i].payload[0] == 100) dr = &dist.last[i];
  }
  float mm = 0;
  if (dr) {
    uint32_t bits = ss_get_u32(dr->payload + 3);
    memcpy(&mm, &bits, 4);
  }
  CHECK(dr != NULL && dr->payload[2] == 1 && mm > 999 && mm < 1001, "HC-SR04 about 1000 mm");

  host_millis = 1300;
  loop();
  Seen hb = drain();
  CHECK(find(hb, SS_HEARTBEAT) != NULL, "heartbeat after a second");

  printf("sketch host test: %d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
