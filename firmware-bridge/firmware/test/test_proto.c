/*
 * Host unit tests of the protocol library against the shared vector files (the same files the
 * Java tests read). Usage: test_proto <vectors-dir>. Exits non-zero on any failure.
 */
#include "streetsense_proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 8192
#define MAX_BYTES 2048

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                          \
  do {                                            \
    checks++;                                     \
    if (!(cond)) {                                \
      failures++;                                 \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);               \
      fprintf(stderr, "\n");                      \
    }                                             \
  } while (0)

/* Splits a line on '|' into trimmed fields; returns the field count. */
static int split(char *line, char **fields, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    char *bar = strchr(p, '|');
    char *end;
    if (bar) {
      *bar = '\0';
    }
    while (*p == ' ' || *p == '\t') {
      p++;
    }
    end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r' || end[-1] == '\t')) {
      *--end = '\0';
    }
    fields[n++] = p;
    if (!bar) {
      break;
    }
    p = bar + 1;
  }
  return n;
}

/* Parses "aa bb cc" or "-" into out; returns the byte count or -1. */
static int hex(const char *s, uint8_t *out, int cap) {
  int n = 0;
  if (strcmp(s, "-") == 0) {
    return 0;
  }
  while (*s) {
    unsigned v;
    if (*s == ' ') {
      s++;
      continue;
    }
    if (n >= cap || sscanf(s, "%2x", &v) != 1) {
      return -1;
    }
    out[n++] = (uint8_t)v;
    s += 2;
  }
  return n;
}

typedef void (*row_fn)(char **fields, int count);

static void each_row(const char *dir, const char *file, row_fn fn, int min_fields) {
  char path[1024];
  static char line[MAX_LINE];
  int rows = 0;
  FILE *f;
  snprintf(path, sizeof(path), "%s/%s", dir, file);
  f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "FAIL cannot open vectors file %s\n", path);
    failures++;
    return;
  }
  while (fgets(line, sizeof(line), f)) {
    char *fields[8];
    int count;
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\0') {
      continue;
    }
    count = split(line, fields, 8);
    CHECK(count >= min_fields, "%s: row with %d fields", file, count);
    if (count >= min_fields) {
      fn(fields, count);
      rows++;
    }
  }
  fclose(f);
  CHECK(rows > 0, "%s has no rows", file);
  printf("%s: %d rows\n", file, rows);
}

static void cobs_row(char **f, int count) {
  static uint8_t decoded[MAX_BYTES], encoded[MAX_BYTES], out[MAX_BYTES];
  int dn = hex(f[1], decoded, MAX_BYTES);
  int en = hex(f[2], encoded, MAX_BYTES);
  size_t n;
  int m;
  (void)count;
  CHECK(dn >= 0 && en >= 0, "cobs %s: bad hex", f[0]);
  n = ss_cobs_encode(decoded, (size_t)dn, out);
  CHECK(n == (size_t)en && memcmp(out, encoded, n) == 0, "cobs encode %s", f[0]);
  m = ss_cobs_decode(encoded, (size_t)en, out, sizeof(out));
  CHECK(m == dn && memcmp(out, decoded, (size_t)dn) == 0, "cobs decode %s", f[0]);
}

static void crc_row(char **f, int count) {
  static uint8_t input[MAX_BYTES];
  int n = hex(f[1], input, MAX_BYTES);
  unsigned expected = (unsigned)strtoul(f[2], NULL, 16);
  (void)count;
  CHECK(n >= 0 && ss_crc16(input, (size_t)n) == expected, "crc %s: got %04x want %04x", f[0],
        ss_crc16(input, (size_t)(n < 0 ? 0 : n)), expected);
}

static void frame_row(char **f, int count) {
  static uint8_t payload[MAX_BYTES], packet[MAX_BYTES], wire[MAX_BYTES];
  uint8_t out[SS_FRAME_BUFFER];
  unsigned type = (unsigned)strtoul(f[1], NULL, 16);
  unsigned seq = (unsigned)strtoul(f[2], NULL, 10);
  int pn = hex(f[3], payload, MAX_BYTES);
  int kn = hex(f[4], packet, MAX_BYTES);
  int wn = hex(f[5], wire, MAX_BYTES);
  size_t n;
  int i, got = 0;
  ss_decoder decoder;
  ss_packet pkt;
  (void)count;
  (void)kn;
  n = ss_frame_build((uint8_t)type, (uint16_t)seq, payload, (uint8_t)pn, out, sizeof(out));
  CHECK(n == (size_t)wn && memcmp(out, wire, n) == 0, "frame build %s", f[0]);
  ss_decoder_init(&decoder);
  for (i = 0; i < wn; i++) {
    int r = ss_decoder_feed(&decoder, wire[i], &pkt);
    if (r == 1) {
      got++;
      CHECK(pkt.type == type && pkt.seq == seq && pkt.length == pn &&
                memcmp(pkt.payload, payload, (size_t)pn) == 0,
            "frame decode %s: fields differ", f[0]);
    }
  }
  CHECK(got == 1, "frame decode %s: %d packets", f[0], got);
}

static int is_known_type(uint8_t t) {
  return (t >= SS_HELLO && t <= SS_EVENT) || (t >= SS_COMMAND && t <= SS_NACK);
}

static void bad_row(char **f, int count) {
  static uint8_t wire[MAX_BYTES];
  int wn = hex(f[1], wire, MAX_BYTES);
  int i, delivered = 0, last = 0;
  ss_decoder decoder;
  ss_packet pkt;
  (void)count;
  ss_decoder_init(&decoder);
  for (i = 0; i < wn; i++) {
    int r = ss_decoder_feed(&decoder, wire[i], &pkt);
    if (r == 1 && is_known_type(pkt.type)) {
      delivered++;
    }
    if (r != 0) {
      last = r;
    }
  }
  if (strcmp(f[2], "unknown-type") == 0) {
    CHECK(last == 1 && !is_known_type(pkt.type), "bad %s: unknown type not seen", f[0]);
  } else if (strcmp(f[2], "malformed") == 0 && last == 1) {
    /* payload layout errors are found by the message handler, not the framer */
    CHECK(pkt.type == SS_READING && pkt.length != 7, "bad %s: layout not detectable", f[0]);
  } else {
    CHECK(last < 0, "bad %s: not rejected", f[0]);
    CHECK(decoder.stats.resyncs == 1, "bad %s: resyncs %u", f[0], decoder.stats.resyncs);
  }
  CHECK(strcmp(f[2], "unknown-type") == 0 || delivered == 0 || pkt.length != 7,
        "bad %s: delivered", f[0]);
  if (strcmp(f[2], "crc") == 0) {
    CHECK(decoder.stats.crc_errors == 1, "bad %s: crc errors %u", f[0], decoder.stats.crc_errors);
  } else if (strcmp(f[2], "cobs") == 0) {
    CHECK(decoder.stats.cobs_errors == 1, "bad %s: cobs errors", f[0]);
  } else if (strcmp(f[2], "oversized") == 0) {
    CHECK(decoder.stats.oversized == 1, "bad %s: oversized %u", f[0], decoder.stats.oversized);
  } else if (strcmp(f[2], "version") == 0) {
    CHECK(decoder.stats.unsupported_versions == 1, "bad %s: version", f[0]);
  }
}

/* Seeded random bytes must never crash the decoder nor yield a packet. */
static void fuzz(void) {
  ss_decoder decoder;
  ss_packet pkt;
  uint32_t state = 20261127u;
  long i;
  int packets = 0;
  uint8_t frame[SS_FRAME_BUFFER];
  uint8_t payload[7];
  size_t n;
  ss_decoder_init(&decoder);
  for (i = 0; i < 2000000L; i++) {
    state = state * 1664525u + 1013904223u;
    if (ss_decoder_feed(&decoder, (uint8_t)(state >> 24), &pkt) == 1) {
      packets++;
    }
  }
  CHECK(packets == 0, "fuzz: %d packets from random bytes", packets);
  CHECK(decoder.stats.resyncs > 1000, "fuzz: only %u resyncs", decoder.stats.resyncs);
  /* the decoder recovers: a delimiter then a good frame decodes */
  ss_decoder_feed(&decoder, 0, &pkt);
  n = ss_frame_build(SS_READING, 1, payload, ss_payload_reading_int(payload, 14, SS_UNIT_COUNTS, 512),
                     frame, sizeof(frame));
  packets = 0;
  for (i = 0; i < (long)n; i++) {
    if (ss_decoder_feed(&decoder, frame[i], &pkt) == 1) {
      packets++;
    }
  }
  CHECK(packets == 1 && ss_get_u32(pkt.payload + 3) == 512, "fuzz: no recovery");
}

static void builders(void) {
  uint8_t p[SS_MAX_PAYLOAD];
  uint8_t used;
  CHECK(ss_payload_hello(p, 1, 0, 0, "uno-1") == 10 && p[4] == 5 && p[5] == 'u', "hello payload");
  used = ss_payload_capability(p, 0, 13, SS_MODE_DIGITAL_INPUT | SS_MODE_DIGITAL_OUTPUT, "D13");
  used = ss_payload_capability(p, used, 14, SS_MODE_DIGITAL_INPUT | SS_MODE_ANALOG_INPUT, "A0");
  used = ss_payload_capability(p, used, 100, SS_MODE_DISTANCE, "hcsr04");
  CHECK(used == 21 && p[0] == 3, "capabilities payload: %u bytes, %u channels", used, p[0]);
  CHECK(ss_payload_reading_float(p, 100, SS_UNIT_MILLIMETRE, 1234.5f) == 7 && p[2] == 1 &&
            ss_get_u32(p + 3) == 0x449a5000u,
        "float reading payload");
  {
    uint8_t big[SS_FRAME_BUFFER];
    CHECK(ss_frame_build(SS_HEARTBEAT, 0, p, SS_MAX_PAYLOAD + 1, big, sizeof(big)) == 0,
          "oversized payload refused");
    CHECK(ss_frame_build(SS_HEARTBEAT, 0, p, 4, big, 5) == 0, "small output buffer refused");
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "../src/test/resources/vectors";
  each_row(dir, "cobs.txt", cobs_row, 3);
  each_row(dir, "crc16.txt", crc_row, 3);
  each_row(dir, "frames.txt", frame_row, 6);
  each_row(dir, "bad-frames.txt", bad_row, 3);
  fuzz();
  builders();
  printf("%d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
