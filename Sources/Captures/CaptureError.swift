/// Why a capture file could not be read or written, and where.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The file ends inside a header, record or block.
        case truncated(needed: Int, available: Int)
        /// The first four bytes are no pcap or pcapng magic number.
        case unknownMagic(UInt32)
        /// A pcapng section header whose byte-order magic is neither order of 0x1A2B3C4D.
        case badByteOrderMagic(UInt32)
        case unsupportedVersion(major: UInt16, minor: UInt16)
        /// A pcapng block length that is below 12, not a multiple of 4, or over the limit.
        case invalidBlockLength(Int)
        /// The trailing copy of a pcapng block length differs from the leading one.
        case blockLengthMismatch(leading: Int, trailing: Int)
        /// A record or field larger than its container or than the reader's limit.
        case lengthOutOfRange(declared: Int, limit: Int)
        /// A packet block names an interface no Interface Description Block introduced.
        case unknownInterface(Int)
        /// A packet block came before any Section Header Block.
        case missingSectionHeader
        /// A value the format does not allow.
        case invalidValue(String)
        /// The operating system refused (read, write, rename...).
        case io(String)
        /// The file to read does not exist (`context` is its path; the description leaves it out).
        case noSuchFile
        /// The file to read exists but could not be opened (`context` is its path), and why.
        case cannotOpen(String)
    }

    /// Byte offset in the file (for writing, the offset being written).
    public var offset: Int
    /// What was being read or written, e.g. `pcap record header`, `pcapng enhanced packet block`.
    public var context: String
    public var reason: Reason

    public init(offset: Int, context: String, reason: Reason) {
        self.offset = offset
        self.context = context
        self.reason = reason
    }

    /// `offset 1234: pcap record: truncated: needs 98 bytes, 40 available`; for a file that could
    /// not be opened, neither offset nor path (callers name the file, as for every other error):
    /// `no such file`, `cannot open: Permission denied`.
    public var description: String {
        let what: String
        switch self.reason {
        case .noSuchFile:
            return "no such file"
        case .cannotOpen(let text):
            return "cannot open: \(text)"
        case .truncated(let needed, let available):
            what = "truncated: needs \(needed) bytes, \(available) available"
        case .unknownMagic(let magic):
            what = "not a pcap or pcapng file (magic 0x\(String(magic, radix: 16)))"
        case .badByteOrderMagic(let magic):
            what = "bad byte-order magic 0x\(String(magic, radix: 16))"
        case .unsupportedVersion(let major, let minor):
            what = "unsupported version \(major).\(minor)"
        case .invalidBlockLength(let length):
            what = "invalid block length \(length)"
        case .blockLengthMismatch(let leading, let trailing):
            what = "block length \(leading) at the start but \(trailing) at the end"
        case .lengthOutOfRange(let declared, let limit):
            what = "length \(declared) exceeds \(limit)"
        case .unknownInterface(let index):
            what = "interface \(index) was never described"
        case .missingSectionHeader:
            what = "block before any section header"
        case .invalidValue(let text):
            what = text
        case .io(let text):
            what = text
        }
        return "offset \(self.offset): \(self.context): \(what)"
    }
}
