/* Streetsense board protocol: see streetsense_proto.h. Portable C99, no malloc. */
#include "streetsense_proto.h"

#include <string.h>

uint16_t ss_crc16_update(uint16_t crc, uint8_t byte) {
  uint8_t bit;
  crc ^= (uint16_t)((uint16_t)byte << 8);
  for (bit = 0; bit < 8; bit++) {
    crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
  }
  return crc;
}

uint16_t ss_crc16(const uint8_t *data, size_t len) {
  uint16_t crc = 0xFFFFu;
  size_t i;
  for (i = 0; i < len; i++) {
    crc = ss_crc16_update(crc, data[i]);
  }
  return crc;
}

size_t ss_cobs_encode(const uint8_t *in, size_t len, uint8_t *out) {
  size_t code_index = 0;
  size_t write = 1;
  uint8_t code = 1;
  size_t i;
  for (i = 0; i < len; i++) {
    uint8_t b = in[i];
    if (b != 0) {
      out[write++] = b;
      code++;
    }
    if (b == 0 || code == 0xFF) {
      out[code_index] = code;
      code = 1;
      code_index = write;
      if (b == 0 || i < len - 1) {
        write++;
      }
    }
  }
  if (code_index < write) {
    out[code_index] = code;
  }
  return write;
}

int ss_cobs_decode(const uint8_t *in, size_t len, uint8_t *out, size_t out_cap) {
  size_t i = 0;
  size_t n = 0;
  while (i < len) {
    uint8_t code = in[i++];
    uint8_t k;
    if (code == 0 || i + code - 1 > len) {
      return -1;
    }
    for (k = 1; k < code; k++) {
      uint8_t b = in[i++];
      if (b == 0 || n >= out_cap) {
        return -1;
      }
      out[n++] = b;
    }
    if (code < 0xFF && i < len) {
      if (n >= out_cap) {
        return -1;
      }
      out[n++] = 0;
    }
  }
  return (int)n;
}

size_t ss_frame_build(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t length,
                      uint8_t *out, size_t out_cap) {
  uint8_t raw[SS_HEADER_SIZE + SS_MAX_PAYLOAD + SS_CRC_SIZE];
  size_t raw_len = (size_t)SS_HEADER_SIZE + length + SS_CRC_SIZE;
  size_t n;
  uint16_t crc;
  if (length > SS_MAX_PAYLOAD || out_cap < raw_len + raw_len / 254 + 2) {
    return 0;
  }
  raw[0] = SS_PROTOCOL_VERSION;
  raw[1] = type;
  ss_put_u16(raw + 2, seq);
  raw[4] = length;
  if (length > 0) {
    memcpy(raw + SS_HEADER_SIZE, payload, length);
  }
  crc = ss_crc16(raw, (size_t)SS_HEADER_SIZE + length);
  ss_put_u16(raw + SS_HEADER_SIZE + length, crc);
  n = ss_cobs_encode(raw, raw_len, out);
  out[n++] = 0;
  return n;
}

ss_result ss_packet_parse(const uint8_t *raw, size_t len, ss_packet *out) {
  uint8_t length;
  if (len < SS_HEADER_SIZE + SS_CRC_SIZE) {
    return SS_ERR_TOO_SHORT;
  }
  length = raw[4];
  if (length > SS_MAX_PAYLOAD || len != (size_t)SS_HEADER_SIZE + length + SS_CRC_SIZE) {
    return SS_ERR_LENGTH;
  }
  if (ss_crc16(raw, len - SS_CRC_SIZE) != ss_get_u16(raw + len - SS_CRC_SIZE)) {
    return SS_ERR_CRC;
  }
  out->version = raw[0];
  out->type = raw[1];
  out->seq = ss_get_u16(raw + 2);
  out->length = length;
  out->payload = raw + SS_HEADER_SIZE;
  if (raw[0] != SS_PROTOCOL_VERSION) {
    return SS_ERR_VERSION;
  }
  return SS_OK;
}

void ss_decoder_init(ss_decoder *decoder) {
  memset(decoder, 0, sizeof(*decoder));
}

static int ss_decoder_end_of_frame(ss_decoder *d, ss_packet *out) {
  int n;
  ss_result r;
  uint16_t frame_len = d->length;
  d->length = 0;
  if (frame_len == 0) {
    return 0;
  }
  n = ss_cobs_decode(d->buffer, frame_len, d->buffer, sizeof(d->buffer));
  if (n < 0) {
    d->stats.cobs_errors++;
    d->stats.resyncs++;
    return SS_ERR_COBS;
  }
  r = ss_packet_parse(d->buffer, (size_t)n, out);
  if (r != SS_OK) {
    if (r == SS_ERR_CRC) {
      d->stats.crc_errors++;
    } else if (r == SS_ERR_VERSION) {
      d->stats.unsupported_versions++;
    } else {
      d->stats.malformed++;
    }
    d->stats.resyncs++;
    return r;
  }
  d->stats.frames++;
  return 1;
}

int ss_decoder_feed(ss_decoder *d, uint8_t byte, ss_packet *out) {
  if (byte == 0) {
    if (d->discarding) {
      d->discarding = 0;
      d->length = 0;
      return 0;
    }
    return ss_decoder_end_of_frame(d, out);
  }
  if (d->discarding) {
    return 0;
  }
  if (d->length >= sizeof(d->buffer)) {
    d->discarding = 1;
    d->length = 0;
    d->stats.oversized++;
    d->stats.resyncs++;
    return SS_ERR_OVERSIZED;
  }
  d->buffer[d->length++] = byte;
  return 0;
}

void ss_put_u16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v & 0xFF);
  p[1] = (uint8_t)(v >> 8);
}

void ss_put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v & 0xFF);
  p[1] = (uint8_t)((v >> 8) & 0xFF);
  p[2] = (uint8_t)((v >> 16) & 0xFF);
  p[3] = (uint8_t)(v >> 24);
}

uint16_t ss_get_u16(const uint8_t *p) {
  return (uint16_t)(p[0] | ((uint16_t)p[1] << 8));
}

uint32_t ss_get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint8_t ss_put_string(uint8_t *p, const char *s, uint8_t max) {
  uint8_t n = 0;
  while (s[n] != '\0' && n < max) {
    p[1 + n] = (uint8_t)s[n];
    n++;
  }
  p[0] = n;
  return (uint8_t)(n + 1);
}

uint8_t ss_payload_hello(uint8_t *p, uint8_t fw_major, uint8_t fw_minor, uint8_t fw_patch,
                         const char *board_id) {
  p[0] = SS_PROTOCOL_VERSION;
  p[1] = fw_major;
  p[2] = fw_minor;
  p[3] = fw_patch;
  return (uint8_t)(4 + ss_put_string(p + 4, board_id, 32));
}

uint8_t ss_payload_heartbeat(uint8_t *p, uint32_t uptime_ms) {
  ss_put_u32(p, uptime_ms);
  return 4;
}

uint8_t ss_payload_reading_int(uint8_t *p, uint8_t channel, uint8_t unit, int32_t value) {
  p[0] = channel;
  p[1] = unit;
  p[2] = 0;
  ss_put_u32(p + 3, (uint32_t)value);
  return 7;
}

uint8_t ss_payload_reading_float(uint8_t *p, uint8_t channel, uint8_t unit, float value) {
  uint32_t bits;
  /* float is IEEE-754 binary32 on every supported target (AVR, ARM, Xtensa, x86) */
  memcpy(&bits, &value, sizeof(bits));
  p[0] = channel;
  p[1] = unit;
  p[2] = 1;
  ss_put_u32(p + 3, bits);
  return 7;
}

uint8_t ss_payload_event(uint8_t *p, uint8_t channel, uint8_t high, uint32_t board_ms) {
  p[0] = channel;
  p[1] = high ? 1 : 0;
  ss_put_u32(p + 2, board_ms);
  return 6;
}

uint8_t ss_payload_ack(uint8_t *p, uint16_t command_seq) {
  ss_put_u16(p, command_seq);
  return 2;
}

uint8_t ss_payload_nack(uint8_t *p, uint16_t command_seq, uint8_t reason) {
  ss_put_u16(p, command_seq);
  p[2] = reason;
  return 3;
}

uint8_t ss_payload_capability(uint8_t *p, uint8_t used, uint8_t channel, uint8_t modes,
                              const char *name) {
  if (used == 0) {
    p[0] = 0;
    used = 1;
  }
  if ((size_t)used + 3 + 16 > SS_MAX_PAYLOAD) {
    return used;
  }
  p[0]++;
  p[used] = channel;
  p[used + 1] = modes;
  return (uint8_t)(used + 2 + ss_put_string(p + used + 2, name, 16));
}
