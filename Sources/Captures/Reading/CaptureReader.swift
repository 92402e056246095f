import NetworkLayers

/// Reads pcap and pcapng files record by record.
///
/// Classic pcap: both byte orders, microsecond (0xA1B2C3D4) and nanosecond (0xA1B23C4D) magic, and
/// the Kuznetzov "modified" variant. pcapng: sections in either byte order, interfaces with their
/// own link types and `if_tsresol`/`if_tsoffset`, Enhanced, Simple and (obsolete) Packet blocks;
/// every other block is skipped.
///
/// Streaming: a file is read in chunks, one record at a time. A truncated or corrupt file yields
/// every good record, then `next()` throws a `CaptureError` with the file offset, and keeps
/// throwing it on later calls.
public final class CaptureReader {
    /// The format found in the file header.
    public let format: CaptureFormat
    /// The interfaces of the current section (pcap: the single implicit one).
    public var interfaces: [CaptureInterface] {
        switch self.state {
        case .pcap(let state): [state.interface]
        case .pcapng(let state): state.interfaces
        }
    }

    /// Records and blocks longer than this are taken as corruption.
    public static let maximumRecordLength = 64 << 20

    let input: CaptureInput
    var state: State
    private var failure: CaptureError?

    enum State {
        case pcap(PcapState)
        case pcapng(PcapngState)
    }

    struct PcapState {
        var byteOrder: CaptureByteOrder
        var precision: PcapTimestampPrecision
        var interface: CaptureInterface
        var recordHeaderLength: Int
    }

    struct PcapngState {
        var byteOrder: CaptureByteOrder
        var interfaces: [CaptureInterface]
    }

    /// Opens the file at `path` and reads its header.
    public convenience init(path: String) throws(CaptureError) {
        try self.init(input: try CaptureInput(path: path))
    }

    /// Reads a capture held in memory.
    public convenience init(bytes: [UInt8]) throws(CaptureError) {
        try self.init(input: CaptureInput(bytes: bytes))
    }

    init(input: CaptureInput) throws(CaptureError) {
        self.input = input
        let available = try input.ensure(4)
        guard available == 4 else {
            throw CaptureError(offset: 0, context: "file header", reason: .truncated(needed: 4, available: available))
        }
        let magic = try input.withWindow(4) { window in window.uint32(0, .littleEndian) }
        if magic == PcapngBlockType.sectionHeader {
            self.format = .pcapng
            self.state = .pcapng(PcapngState(byteOrder: .littleEndian, interfaces: []))
            return
        }
        let (header, format) = try Self.readPcapHeader(input, magic: magic)
        self.format = format
        self.state = .pcap(header)
    }

    /// The next record, nil at the end of the file. Throws (now and on every later call) when the
    /// file is truncated or corrupt at the current position.
    public func next() throws(CaptureError) -> CaptureRecord? {
        if let failure = self.failure {
            throw failure
        }
        do {
            switch self.state {
            case .pcap(let state):
                return try self.nextPcapRecord(state)
            case .pcapng:
                return try self.nextPcapngRecord()
            }
        } catch {
            self.failure = error
            throw error
        }
    }

    /// Reads every remaining record (for small files and tests; large files should use `next()`).
    public func readAll() throws(CaptureError) -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        while let record = try self.next() {
            records.append(record)
        }
        return records
    }

    /// Reads the next records into `records` until the end or an error, and returns the error
    /// instead of throwing it, so that callers keep the good records before a corrupt one.
    public func readAvailable(into records: inout [CaptureRecord]) -> CaptureError? {
        do {
            while let record = try self.next() {
                records.append(record)
            }
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Classic pcap

    private static func readPcapHeader(
        _ input: CaptureInput, magic: UInt32
    ) throws(CaptureError)
        -> (PcapState, CaptureFormat)
    {
        let order: CaptureByteOrder
        let precision: PcapTimestampPrecision
        var modified = false
        switch magic {
        case 0xA1B2_C3D4: (order, precision) = (.littleEndian, .microseconds)
        case 0xD4C3_B2A1: (order, precision) = (.bigEndian, .microseconds)
        case 0xA1B2_3C4D: (order, precision) = (.littleEndian, .nanoseconds)
        case 0x4D3C_B2A1: (order, precision) = (.bigEndian, .nanoseconds)
        case 0xA1B2_CD34: (order, precision, modified) = (.littleEndian, .microseconds, true)
        case 0x34CD_B2A1: (order, precision, modified) = (.bigEndian, .microseconds, true)
        default:
            throw CaptureError(offset: 0, context: "file header", reason: .unknownMagic(magic.byteSwapped))
        }
        let available = try input.ensure(24)
        guard available == 24 else {
            throw CaptureError(
                offset: 0, context: "pcap file header", reason: .truncated(needed: 24, available: available))
        }
        let (major, minor, snapLength, linkField) = try input.withWindow(24) { window in
            (window.uint16(4, order), window.uint16(6, order), window.uint32(16, order), window.uint32(20, order))
        }
        guard major == 2 else {
            throw CaptureError(
                offset: 4, context: "pcap file header", reason: .unsupportedVersion(major: major, minor: minor))
        }
        // The low 16 bits are the link type; the top bits may carry FCS information.
        let linkType = LinkType(rawValue: linkField & 0xFFFF)
        input.advance(24)
        let interface = CaptureInterface(
            linkType: linkType, snapLength: snapLength,
            unitsPerSecond: precision == .microseconds ? 1_000_000 : 1_000_000_000)
        let state = PcapState(
            byteOrder: order, precision: precision, interface: interface, recordHeaderLength: modified ? 24 : 16)
        let format = CaptureFormat.pcap(
            byteOrder: order, precision: precision, linkType: linkType, snapLength: snapLength, modified: modified)
        return (state, format)
    }

    private func nextPcapRecord(_ state: PcapState) throws(CaptureError) -> CaptureRecord? {
        let input = self.input
        let recordOffset = input.offset
        let headerLength = state.recordHeaderLength
        let available = try input.ensure(headerLength)
        if available == 0 {
            return nil
        }
        guard available == headerLength else {
            throw CaptureError(
                offset: recordOffset, context: "pcap record header",
                reason: .truncated(needed: headerLength, available: available))
        }
        let order = state.byteOrder
        let (seconds, fraction, captured, original) = try input.withWindow(headerLength) { window in
            (window.uint32(0, order), window.uint32(4, order), window.uint32(8, order), window.uint32(12, order))
        }
        let capturedLength = Int(captured)
        let originalLength = Int(original)
        guard capturedLength <= Self.maximumRecordLength else {
            throw CaptureError(
                offset: recordOffset + 8, context: "pcap record header",
                reason: .lengthOutOfRange(declared: capturedLength, limit: Self.maximumRecordLength))
        }
        let total = headerLength + capturedLength
        let availableRecord = try input.ensure(total)
        guard availableRecord == total else {
            throw CaptureError(
                offset: recordOffset + headerLength, context: "pcap record data",
                reason: .truncated(needed: capturedLength, available: availableRecord - headerLength))
        }
        let nanoseconds: UInt64 = state.precision == .microseconds ? UInt64(fraction) * 1_000 : UInt64(fraction)
        let timestamp = CaptureTimestamp(
            seconds: UInt64(seconds) + nanoseconds / 1_000_000_000, nanoseconds: UInt32(nanoseconds % 1_000_000_000))
        let bytes = try input.withWindow(total) { window in window.copy(headerLength, capturedLength) }
        input.advance(total)
        return CaptureRecord(
            timestamp: timestamp, linkType: state.interface.linkType, interfaceIndex: 0,
            originalLength: originalLength, bytes: bytes, fileOffset: recordOffset)
    }
}
