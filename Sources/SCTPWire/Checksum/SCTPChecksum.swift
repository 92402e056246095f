import CCRC32C

/// The checksum field of the SCTP common header (RFC 9260 §6.8, Appendix A).
///
/// The CRC32c is computed over the whole packet with the checksum field taken as zero, and its
/// four bytes are stored least significant byte first (as Linux and usrsctp do; tshark with
/// `-o sctp.checksum:CRC-32C` agrees). RFC 9653 lets a peer that announced "Zero Checksum
/// Acceptable" receive packets whose checksum field is zero; whether that is allowed is for rules
/// to decide, so `verify` only reports `.zero`.
public enum SCTPChecksum {
    /// What the checksum field of a packet says.
    public enum Status: Hashable, Sendable, CustomStringConvertible {
        /// The field holds the CRC32c of the packet.
        case correct
        /// The field is zero (acceptable only under RFC 9653, which rules decide).
        case zero
        /// The field holds something else.
        case incorrect(found: UInt32, expected: UInt32)

        /// `correct`, `zero`, `incorrect (found 0x..., expected 0x...)`.
        public var description: String {
            switch self {
            case .correct: "correct"
            case .zero: "zero"
            case .incorrect(let found, let expected):
                "incorrect (found \(SCTPChecksum.hex(found)), expected \(SCTPChecksum.hex(expected)))"
            }
        }
    }

    /// Byte offset of the checksum field in the common header.
    public static let fieldOffset = 8

    /// Length of the common header, the shortest packet that has a checksum field.
    static let commonHeaderLength = 12

    /// The value the checksum field of `packet` should hold, as read big-endian from the field.
    /// Returns nil when the packet is shorter than the common header. The packet is not copied.
    public static func expected(for packet: UnsafeRawBufferPointer) -> UInt32? {
        guard packet.count >= Self.commonHeaderLength else { return nil }
        return ccrc32c_sctp_packet(packet.baseAddress, packet.count).byteSwapped
    }

    /// `expected(for:)` computed by one particular CRC32c implementation (the portable one when
    /// this CPU lacks it), for tests that compare the implementations' whole-packet routines.
    public static func expected(for packet: UnsafeRawBufferPointer, using implementation: CRC32C.Implementation)
        -> UInt32?
    {
        guard packet.count >= Self.commonHeaderLength else { return nil }
        return Self.crc(of: packet, using: implementation).byteSwapped
    }

    /// The CRC32c (final value) of `packet` with its checksum field, bytes 8 to 11, taken as zero;
    /// field bytes beyond the end are simply absent, so any length is accepted. Computed by one
    /// particular implementation (the portable one when this CPU lacks it).
    public static func crc(of packet: UnsafeRawBufferPointer, using implementation: CRC32C.Implementation) -> UInt32 {
        ccrc32c_sctp_packet_path(implementation.cPath, packet.baseAddress, packet.count)
    }

    /// The value the checksum field of `packet` should hold (nil if shorter than 12 bytes).
    public static func expected(for packet: [UInt8]) -> UInt32? {
        packet.withUnsafeBytes { Self.expected(for: $0) }
    }

    /// The checksum field as it stands (big-endian read), or nil if the packet is too short.
    public static func field(of packet: UnsafeRawBufferPointer) -> UInt32? {
        guard packet.count >= Self.commonHeaderLength else { return nil }
        return UInt32(packet[8]) << 24 | UInt32(packet[9]) << 16 | UInt32(packet[10]) << 8 | UInt32(packet[11])
    }

    /// The checksum field as it stands (big-endian read), or nil if the packet is too short.
    public static func field(of packet: [UInt8]) -> UInt32? {
        packet.withUnsafeBytes { Self.field(of: $0) }
    }

    /// Checks the checksum field of `packet` (nil if shorter than the common header).
    public static func verify(_ packet: UnsafeRawBufferPointer) -> Status? {
        guard let found = Self.field(of: packet), let expected = Self.expected(for: packet) else { return nil }
        if found == expected { return .correct }
        if found == 0 { return .zero }
        return .incorrect(found: found, expected: expected)
    }

    /// Checks the checksum field of `packet` (nil if shorter than the common header).
    public static func verify(_ packet: [UInt8]) -> Status? {
        packet.withUnsafeBytes { Self.verify($0) }
    }

    /// Writes the correct checksum into `packet` (no-op if shorter than the common header).
    public static func fill(_ packet: inout [UInt8]) {
        guard let value = Self.expected(for: packet) else { return }
        Self.write(value, into: &packet)
    }

    /// Writes `value` (big-endian) into the checksum field: for deliberately wrong or zero checksums.
    public static func write(_ value: UInt32, into packet: inout [UInt8]) {
        guard packet.count >= Self.commonHeaderLength else { return }
        packet[8] = UInt8(truncatingIfNeeded: value >> 24)
        packet[9] = UInt8(truncatingIfNeeded: value >> 16)
        packet[10] = UInt8(truncatingIfNeeded: value >> 8)
        packet[11] = UInt8(truncatingIfNeeded: value)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
