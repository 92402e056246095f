/// Bounds checks and big-endian reads over a frame, shared by the header decoders.
///
/// Every decoder calls `require` before reading, so the unchecked reads below never run past the
/// end of the array; offsets are absolute positions in the frame.
enum FrameBytes {
    /// Throws a located `truncated` error unless `count` bytes are available at `offset`.
    @inline(__always)
    static func require(
        _ bytes: [UInt8], _ offset: Int, _ count: Int, _ layer: NetworkLayerError.Layer
    ) throws(NetworkLayerError) {
        let available = max(0, bytes.count - offset)
        if offset < 0 || count > available {
            throw NetworkLayerError(
                offset: offset, layer: layer, reason: .truncated(needed: count, available: available))
        }
    }

    @inline(__always)
    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    @inline(__always)
    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    @inline(__always)
    static func appendUInt16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    static func setUInt16(_ value: UInt16, in bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
