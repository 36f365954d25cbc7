/*
 * Streetsense board protocol: portable C99 library (no malloc, no stdio).
 *
 * Packet (before COBS), all integers little-endian:
 *   version(1) | type(1) | seq(2) | length(1) | payload(length) | crc16(2)
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over version..payload.
 * On the wire each packet is COBS-encoded and followed by a 0x00 delimiter.
 * Specification: docs/board-protocol.md in the Streetsense repository.
 */
#ifndef STREETSENSE_PROTO_H
#define STREETSENSE_PROTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SS_PROTOCOL_VERSION 1
#define SS_HEADER_SIZE 5
#define SS_CRC_SIZE 2
#define SS_MAX_PAYLOAD 240
/* Largest COBS-encoded frame without its delimiter; longer frames are dropped. */
#define SS_MAX_FRAME 256
/* Buffer size that always holds one built frame including its delimiter. */
#define SS_FRAME_BUFFER (SS_MAX_FRAME + 1)

/* Message types */
#define SS_HELLO 0x01
#define SS_HELLO_REQUEST 0x02
#define SS_CAPABILITIES_REQUEST 0x03
#define SS_CAPABILITIES 0x04
#define SS_HEARTBEAT 0x05
#define SS_READING 0x06
#define SS_EVENT 0x07
#define SS_COMMAND 0x10
#define SS_ACK 0x11
#define SS_NACK 0x12

/* Command ops (first payload byte of COMMAND) */
#define SS_OP_SET_DIGITAL 0x01
#define SS_OP_SET_PWM 0x02
#define SS_OP_CONFIGURE 0x03

/* Channel mode bits (CAPABILITIES) and single modes (CONFIGURE) */
#define SS_MODE_DIGITAL_INPUT 0x01
#define SS_MODE_DIGITAL_OUTPUT 0x02
#define SS_MODE_ANALOG_INPUT 0x04
#define SS_MODE_PWM 0x08
#define SS_MODE_DISTANCE 0x10
#define SS_MODE_INPUT_PULLUP 0x20

/* Unit codes (READING) */
#define SS_UNIT_NONE 0
#define SS_UNIT_LEVEL 1
#define SS_UNIT_COUNTS 2
#define SS_UNIT_MILLIMETRE 3
#define SS_UNIT_MILLIVOLT 4
#define SS_UNIT_DEGREE_CELSIUS 5
#define SS_UNIT_PERCENT 6

/* NACK reasons */
#define SS_NACK_UNKNOWN_CHANNEL 0x01
#define SS_NACK_UNSUPPORTED_MODE 0x02
#define SS_NACK_BAD_ARGUMENT 0x03
#define SS_NACK_UNKNOWN_COMMAND 0x04
#define SS_NACK_BUSY 0x05
#define SS_NACK_WRONG_MODE 0x06

/* Results of parsing a frame */
typedef enum {
  SS_OK = 0,
  SS_ERR_COBS = -1,
  SS_ERR_TOO_SHORT = -2,
  SS_ERR_LENGTH = -3,
  SS_ERR_CRC = -4,
  SS_ERR_VERSION = -5,
  SS_ERR_OVERSIZED = -6
} ss_result;

/* A parsed packet. payload points into the decoder's buffer: valid until the next feed. */
typedef struct {
  uint8_t version;
  uint8_t type;
  uint16_t seq;
  uint8_t length;
  const uint8_t *payload;
} ss_packet;

typedef struct {
  uint32_t frames;
  uint32_t resyncs;
  uint32_t cobs_errors;
  uint32_t crc_errors;
  uint32_t malformed;
  uint32_t oversized;
  uint32_t unsupported_versions;
} ss_decoder_stats;

typedef struct {
  uint8_t buffer[SS_MAX_FRAME];
  uint16_t length;
  uint8_t discarding;
  ss_decoder_stats stats;
} ss_decoder;

/* CRC-16/CCITT-FALSE of len bytes. */
uint16_t ss_crc16(const uint8_t *data, size_t len);
/* Continues a CRC: start with crc = 0xFFFF. */
uint16_t ss_crc16_update(uint16_t crc, uint8_t byte);

/* COBS-encodes len bytes into out (capacity at least len + len / 254 + 1). Returns bytes written. */
size_t ss_cobs_encode(const uint8_t *in, size_t len, uint8_t *out);
/*
 * COBS-decodes len bytes (no delimiter) into out (capacity out_cap; may equal in: decoding in
 * place is safe). Returns decoded length, or -1 if the input is not valid COBS or does not fit.
 */
int ss_cobs_decode(const uint8_t *in, size_t len, uint8_t *out, size_t out_cap);

/*
 * Builds a complete frame (COBS + 0x00 delimiter) into out. Returns bytes written, or 0 if the
 * payload is longer than SS_MAX_PAYLOAD or out_cap is too small (SS_FRAME_BUFFER always fits).
 */
size_t ss_frame_build(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t length,
                      uint8_t *out, size_t out_cap);

/* Parses raw packet bytes (after COBS decoding). payload points into raw. */
ss_result ss_packet_parse(const uint8_t *raw, size_t len, ss_packet *out);

void ss_decoder_init(ss_decoder *decoder);
/*
 * Feeds one received byte. Returns 1 when a good packet was completed (written to out, valid
 * until the next call), 0 when more bytes are needed, or a negative ss_result when a bad frame
 * was dropped (already counted in stats). Never reads or writes out of bounds on any input.
 */
int ss_decoder_feed(ss_decoder *decoder, uint8_t byte, ss_packet *out);

/* Little-endian helpers for payloads. */
void ss_put_u16(uint8_t *p, uint16_t v);
void ss_put_u32(uint8_t *p, uint32_t v);
uint16_t ss_get_u16(const uint8_t *p);
uint32_t ss_get_u32(const uint8_t *p);

/* Payload builders: write into p (room for the documented size), return the payload length. */
uint8_t ss_payload_hello(uint8_t *p, uint8_t fw_major, uint8_t fw_minor, uint8_t fw_patch,
                         const char *board_id);
uint8_t ss_payload_heartbeat(uint8_t *p, uint32_t uptime_ms);
uint8_t ss_payload_reading_int(uint8_t *p, uint8_t channel, uint8_t unit, int32_t value);
uint8_t ss_payload_reading_float(uint8_t *p, uint8_t channel, uint8_t unit, float value);
uint8_t ss_payload_event(uint8_t *p, uint8_t channel, uint8_t high, uint32_t board_ms);
uint8_t ss_payload_ack(uint8_t *p, uint16_t command_seq);
uint8_t ss_payload_nack(uint8_t *p, uint16_t command_seq, uint8_t reason);
/* Appends one channel to a CAPABILITIES payload being built at p (p[0] is the count). */
uint8_t ss_payload_capability(uint8_t *p, uint8_t used, uint8_t channel, uint8_t modes,
                              const char *name);

#ifdef __cplusplus
}
#endif

#endif
