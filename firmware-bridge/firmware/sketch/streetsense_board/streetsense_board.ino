/*
 * Streetsense reference firmware for Arduino Uno-class boards.
 *
 * Speaks the Streetsense board protocol (docs/board-protocol.md) at 115200 baud:
 *  - HELLO after boot and on HELLO_REQUEST; CAPABILITIES on request; HEARTBEAT every second;
 *  - digital pins D2..D13 and A0..A5 as inputs (READING every sampling interval, EVENT on every
 *    edge) or outputs (SET_DIGITAL), PWM on D3, D5, D6, D9, D10, D11 (SET_PWM);
 *  - an HC-SR04 ranger (TRIG on D7, ECHO on D8) as channel 100, READING in millimetres;
 *  - every COMMAND is answered with ACK or NACK carrying the command's sequence number.
 * Nothing is reported until the host configures a channel; configuring an input sends one
 * READING of its current value right after the ACK. After a reset (the Uno resets when the port
 * opens) the host sees HELLO and configures again.
 *
 * Needs the StreetsenseProto library (firmware-bridge/firmware/lib); see the firmware README.
 */
#include <streetsense_proto.h>

#define BAUD_RATE 115200
#define FW_MAJOR 1
#define FW_MINOR 1
#define FW_PATCH 0
#define BOARD_ID "uno-1" /* change per board; the installation file refers to it */

#define HCSR04_CHANNEL 100
#define HCSR04_TRIG 7
#define HCSR04_ECHO 8
#define HCSR04_TIMEOUT_US 30000UL /* about 5 m */

#define FIRST_PIN 2
#define PIN_COUNT 20 /* D0..D13, A0..A5 = 14..19 */
#define CHANNELS (PIN_COUNT + 1) /* last slot is the HC-SR04 */
#define HEARTBEAT_MS 1000UL

static ss_decoder decoder;
static uint8_t payload[SS_MAX_PAYLOAD];
static uint8_t frame[SS_FRAME_BUFFER];
static uint16_t tx_seq = 0;

static uint8_t mode[CHANNELS];        /* single SS_MODE_* bit, 0 = off */
static uint16_t interval_ms[CHANNELS]; /* 0 = no periodic READING */
static unsigned long last_sample[CHANNELS];
static int8_t last_level[CHANNELS];    /* -1 unknown */
static unsigned long last_heartbeat;

static bool is_pwm(uint8_t pin) {
  return pin == 3 || pin == 5 || pin == 6 || pin == 9 || pin == 10 || pin == 11;
}

static bool is_pin_channel(uint8_t ch) {
  return ch >= FIRST_PIN && ch < PIN_COUNT && ch != HCSR04_TRIG && ch != HCSR04_ECHO;
}

static uint8_t slot(uint8_t ch) {
  return ch == HCSR04_CHANNEL ? PIN_COUNT : ch;
}

static uint8_t modes_of(uint8_t ch) {
  uint8_t m;
  if (ch == HCSR04_CHANNEL) {
    return SS_MODE_DISTANCE;
  }
  if (!is_pin_channel(ch)) {
    return 0;
  }
  m = SS_MODE_DIGITAL_INPUT | SS_MODE_DIGITAL_OUTPUT | SS_MODE_INPUT_PULLUP;
  if (is_pwm(ch)) {
    m |= SS_MODE_PWM;
  }
  if (ch >= 14) {
    m |= SS_MODE_ANALOG_INPUT;
  }
  return m;
}

static void send(uint8_t type, uint8_t length) {
  size_t n = ss_frame_build(type, tx_seq++, payload, length, frame, sizeof(frame));
  if (n > 0) {
    Serial.write(frame, n);
  }
}

static void send_hello() {
  send(SS_HELLO, ss_payload_hello(payload, FW_MAJOR, FW_MINOR, FW_PATCH, BOARD_ID));
}

static void send_capabilities() {
  char name[4];
  uint8_t used = 0;
  uint8_t ch;
  for (ch = FIRST_PIN; ch < PIN_COUNT; ch++) {
    if (!is_pin_channel(ch)) {
      continue;
    }
    if (ch >= 14) {
      name[0] = 'A';
      name[1] = (char)('0' + ch - 14);
      name[2] = '\0';
    } else {
      name[0] = 'D';
      name[1] = (char)(ch < 10 ? '0' + ch : '1');
      name[2] = (char)(ch < 10 ? '\0' : '0' + ch - 10);
      name[3] = '\0';
    }
    used = ss_payload_capability(payload, used, ch, modes_of(ch), name);
  }
  used = ss_payload_capability(payload, used, HCSR04_CHANNEL, SS_MODE_DISTANCE, "hcsr04");
  send(SS_CAPABILITIES, used);
}

static float measure_distance_mm() {
  unsigned long echo_us;
  digitalWrite(HCSR04_TRIG, LOW);
  delayMicroseconds(2);
  digitalWrite(HCSR04_TRIG, HIGH);
  delayMicroseconds(10);
  digitalWrite(HCSR04_TRIG, LOW);
  echo_us = pulseIn(HCSR04_ECHO, HIGH, HCSR04_TIMEOUT_US);
  /* sound travels 0.343 mm/us, there and back */
  return echo_us == 0 ? -1.0f : echo_us * 0.1715f;
}

static void send_reading(uint8_t ch) {
  uint8_t s = slot(ch);
  if (mode[s] == SS_MODE_ANALOG_INPUT) {
    send(SS_READING, ss_payload_reading_int(payload, ch, SS_UNIT_COUNTS, analogRead(ch)));
  } else if (mode[s] == SS_MODE_DISTANCE) {
    send(SS_READING, ss_payload_reading_float(payload, ch, SS_UNIT_MILLIMETRE,
                                              measure_distance_mm()));
  } else {
    send(SS_READING, ss_payload_reading_int(payload, ch, SS_UNIT_LEVEL, digitalRead(ch)));
  }
}

static int is_input(uint8_t m) {
  return m == SS_MODE_DIGITAL_INPUT || m == SS_MODE_INPUT_PULLUP || m == SS_MODE_ANALOG_INPUT ||
         m == SS_MODE_DISTANCE;
}

/* Returns 0 on success or a SS_NACK_* reason. */
static uint8_t apply(const ss_packet *p) {
  uint8_t op, ch, s;
  if (p->length < 3) {
    return SS_NACK_BAD_ARGUMENT;
  }
  op = p->payload[0];
  ch = p->payload[1];
  if (modes_of(ch) == 0) {
    return SS_NACK_UNKNOWN_CHANNEL;
  }
  s = slot(ch);
  switch (op) {
    case SS_OP_SET_DIGITAL:
      if (mode[s] != SS_MODE_DIGITAL_OUTPUT) {
        return SS_NACK_WRONG_MODE;
      }
      digitalWrite(ch, p->payload[2] ? HIGH : LOW);
      return 0;
    case SS_OP_SET_PWM:
      if (mode[s] != SS_MODE_PWM) {
        return SS_NACK_WRONG_MODE;
      }
      analogWrite(ch, p->payload[2]);
      return 0;
    case SS_OP_CONFIGURE: {
      uint8_t m;
      if (p->length != 5) {
        return SS_NACK_BAD_ARGUMENT;
      }
      m = p->payload[2];
      if (m != 0 && (m & (m - 1)) != 0) {
        return SS_NACK_BAD_ARGUMENT;
      }
      if (m != 0 && (modes_of(ch) & m) == 0) {
        return SS_NACK_UNSUPPORTED_MODE;
      }
      mode[s] = m;
      interval_ms[s] = ss_get_u16(p->payload + 3);
      last_sample[s] = millis();
      last_level[s] = -1;
      if (ch == HCSR04_CHANNEL) {
        pinMode(HCSR04_TRIG, OUTPUT);
        pinMode(HCSR04_ECHO, INPUT);
      } else if (m == SS_MODE_DIGITAL_OUTPUT || m == SS_MODE_PWM) {
        pinMode(ch, OUTPUT);
      } else if (m == SS_MODE_INPUT_PULLUP) {
        pinMode(ch, INPUT_PULLUP);
      } else if (m != 0) {
        pinMode(ch, INPUT);
      }
      if (m == SS_MODE_DIGITAL_INPUT || m == SS_MODE_INPUT_PULLUP) {
        /* the level reported after the ACK: an edge from here on is an EVENT */
        last_level[s] = (int8_t)digitalRead(ch);
      }
      return 0;
    }
    default:
      return SS_NACK_UNKNOWN_COMMAND;
  }
}

static void handle(const ss_packet *p) {
  uint16_t command_seq = p->seq;
  uint8_t reason;
  switch (p->type) {
    case SS_HELLO_REQUEST:
      send_hello();
      break;
    case SS_CAPABILITIES_REQUEST:
      send_capabilities();
      break;
    case SS_COMMAND:
      reason = apply(p);
      if (reason == 0) {
        send(SS_ACK, ss_payload_ack(payload, command_seq));
        if (p->payload[0] == SS_OP_CONFIGURE && is_input(p->payload[2])) {
          send_reading(p->payload[1]); /* every input reports its current value at once */
        }
      } else {
        send(SS_NACK, ss_payload_nack(payload, command_seq, reason));
      }
      break;
    default:
      break; /* other types are board-to-host only, or unknown: ignore */
  }
}

static void poll_inputs(unsigned long now) {
  uint8_t ch;
  for (ch = FIRST_PIN; ch <= PIN_COUNT; ch++) {
    uint8_t real = ch == PIN_COUNT ? HCSR04_CHANNEL : ch;
    uint8_t m = mode[ch];
    if (m == 0 || m == SS_MODE_DIGITAL_OUTPUT || m == SS_MODE_PWM) {
      continue;
    }
    if (m == SS_MODE_DIGITAL_INPUT || m == SS_MODE_INPUT_PULLUP) {
      int8_t level = (int8_t)digitalRead(real);
      if (last_level[ch] >= 0 && level != last_level[ch]) {
        send(SS_EVENT, ss_payload_event(payload, real, (uint8_t)level, now));
      }
      last_level[ch] = level;
    }
    if (interval_ms[ch] != 0 && now - last_sample[ch] >= interval_ms[ch]) {
      last_sample[ch] = now;
      send_reading(real);
    }
  }
}

void setup() {
  uint8_t i;
  Serial.begin(BAUD_RATE);
  ss_decoder_init(&decoder);
  for (i = 0; i < CHANNELS; i++) {
    mode[i] = 0;
    interval_ms[i] = 0;
    last_level[i] = -1;
  }
  Serial.write((uint8_t)0); /* flush whatever the host's decoder holds */
  send_hello();
  last_heartbeat = millis();
}

void loop() {
  unsigned long now = millis();
  ss_packet packet;
  while (Serial.available() > 0) {
    if (ss_decoder_feed(&decoder, (uint8_t)Serial.read(), &packet) == 1 &&
        packet.version == SS_PROTOCOL_VERSION) {
      handle(&packet);
    }
  }
  if (now - last_heartbeat >= HEARTBEAT_MS) {
    last_heartbeat = now;
    send(SS_HEARTBEAT, ss_payload_heartbeat(payload, now));
  }
  poll_inputs(now);
}
