/*
 * Host stand-in for the parts of the Arduino core the reference sketch uses, so the sketch's
 * logic can be compiled with g++ and exercised by test/sketch_host_test.cpp. Pins, time and the
 * serial port are plain variables the test controls.
 */
#ifndef STREETSENSE_HOST_ARDUINO_H
#define STREETSENSE_HOST_ARDUINO_H

#include <stddef.h>
#include <stdint.h>

#define HIGH 1
#define LOW 0
#define INPUT 0
#define OUTPUT 1
#define INPUT_PULLUP 2

struct HostPins {
  int mode[20];
  int level[20];     /* inputs set by the test, outputs set by the sketch */
  int analog[20];    /* analogRead values, by pin number */
  int pwm[20];
  unsigned long echo_us;
};
extern HostPins host_pins;
extern unsigned long host_millis;

class HostSerial {
 public:
  uint8_t rx[1024];
  size_t rx_len = 0;
  size_t rx_pos = 0;
  uint8_t tx[8192];
  size_t tx_len = 0;
  void begin(unsigned long) {}
  int available() { return (int)(rx_len - rx_pos); }
  int read() { return rx_pos < rx_len ? rx[rx_pos++] : -1; }
  size_t write(uint8_t b) {
    if (tx_len < sizeof(tx)) tx[tx_len++] = b;
    return 1;
  }
  size_t write(const uint8_t *data, size_t n) {
    for (size_t i = 0; i < n; i++) write(data[i]);
    return n;
  }
};
extern HostSerial Serial;

inline unsigned long millis() { return host_millis; }
inline void pinMode(uint8_t pin, int mode) { host_pins.mode[pin] = mode; }
inline void digitalWrite(uint8_t pin, int v) { host_pins.level[pin] = v; }
inline int digitalRead(uint8_t pin) { return host_pins.level[pin]; }
inline int analogRead(uint8_t pin) { return host_pins.analog[pin]; }
inline void analogWrite(uint8_t pin, int v) { host_pins.pwm[pin] = v; }
inline void delayMicroseconds(unsigned int) {}
inline unsigned long pulseIn(uint8_t, int, unsigned long) { return host_pins.echo_us; }

#endif
