/// The checksum of RFC 2960 (Appendix B): Adler-32, which RFC 3309 (2002) replaced with the CRC32c
/// that RFC 9260 §6.8 requires. Stacks older than that still send it; a capture of one shows every
/// checksum "wrong" while its peer, of the same age, takes every packet in.
enum RFC2960Checksum {
    /// Adler-32 (RFC 1950 §8) of `packet` with its checksum field (bytes 8 to 11) taken as zero, as
    /// RFC 2960 Appendix B computes it.
    static func adler32(ofPacket packet: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65_521
        var a: UInt32 = 1
        var b: UInt32 = 0
        var index = 0
        while index < packet.count {
            // 5552 bytes at most between reductions keep both sums inside 32 bits.
            let end = min(packet.count, index + 5_552)
            while index < end {
                let byte: UInt32 = (8..<12).contains(index) ? 0 : UInt32(packet[index])
                a &+= byte
                b &+= a
                index += 1
            }
            a %= modulus
            b %= modulus
        }
        return b << 16 | a
    }

    /// Whether the checksum field of `packet` (network byte order) holds its RFC 2960 Adler-32.
    static func matches(_ packet: [UInt8]) -> Bool {
        guard packet.count >= 12 else { return false }
        let stored = UInt32(packet[8]) << 24 | UInt32(packet[9]) << 16 | UInt32(packet[10]) << 8 | UInt32(packet[11])
        return stored == Self.adler32(ofPacket: packet)
    }
}
