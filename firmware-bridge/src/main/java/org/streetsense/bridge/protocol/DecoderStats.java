package org.streetsense.bridge.protocol;

/**
 * Counters of a {@link FrameDecoder}, as an immutable snapshot.
 *
 * @param frames frames whose packet was delivered
 * @param resyncs times the decoder dropped bytes and waited for the next 0x00 delimiter (one per
 *     bad frame, whatever the reason)
 * @param cobsErrors frames that were not valid COBS
 * @param crcErrors frames whose CRC did not match
 * @param malformed frames too short, with a length byte that disagrees with the frame, or whose
 *     payload does not fit its type's layout
 * @param oversized frames longer than {@link Packet#MAX_FRAME} before their delimiter
 * @param unknownTypes valid packets of a type this implementation does not know
 * @param unsupportedVersions valid packets of another protocol version
 * @param droppedBytes bytes thrown away while resynchronising
 */
public record DecoderStats(long frames, long resyncs, long cobsErrors, long crcErrors,
    long malformed, long oversized, long unknownTypes, long unsupportedVersions,
    long droppedBytes) {

  /** Bad frames of any kind. */
  public long errors() {
    return cobsErrors + crcErrors + malformed + oversized + unknownTypes + unsupportedVersions;
  }
}
