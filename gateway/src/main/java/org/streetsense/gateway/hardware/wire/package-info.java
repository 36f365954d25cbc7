/**
 * Wire formats of devices whose driver and simulated counterpart both speak them: the SCD41's
 * command words, execution times and Sensirion CRC-8, the PMS5003's 32-byte frame and the
 * VL53L0X's register map. They sit under {@code hardware} so that the chip models in {@code hardware.simulated.chips} never refer
 * to a driver (package rule: no cycle between {@code driver} and {@code hardware}). Each is pinned
 * by datasheet golden values in its driver's tests, so sharing them cannot hide an error on both
 * sides.
 */
package org.streetsense.gateway.hardware.wire;
