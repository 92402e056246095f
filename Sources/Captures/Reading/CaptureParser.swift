import NetworkLayers

/// The parsing state behind a `CaptureReader`: the input window and what the file header (and,
/// for pcapng, the current section) said. A value type, so that reading a record costs one
/// exclusivity check on the reader, not one per field.
struct CaptureParser {
    var input: CaptureInput
    var state: State
    var failure: CaptureError?
    let format: CaptureFormat

    enum State {
        case pcap(PcapState)
        case pcapng(PcapngState)
    }

    struct PcapState {
        var byteOrder: CaptureByteOrder
        var precision: PcapTimestampPrecision
        var linkType: LinkType
        var snapLength: UInt32
        var recordHeaderLength: Int
    }

    struct PcapngState {
        var byteOrder: CaptureByteOrder
        var interfaces: [CaptureInterface]
    }

    /// Reads the file header.
    init(input: CaptureInput) throws(CaptureError) {
        var input = input
        let available = try input.ensure(4)
        guard available == 4 else {
            throw CaptureError(offset: 0, context: "file header", reason: .truncated(needed: 4, available: available))
        }
        let magic = input.withWindow(4) { window in window.uint32(0, .littleEndian) }
        if magic == PcapngBlockType.sectionHeader {
            self.input = input
            self.format = .pcapng
            self.state = .pcapng(PcapngState(byteOrder: .littleEndian, interfaces: []))
            return
        }
        let (header, format) = try Self.readPcapHeader(&input, magic: magic)
        self.input = input
        self.format = format
        self.state = .pcap(header)
    }

    /// The interfaces of the current section (pcap: the single implicit one).
    var interfaces: [CaptureInterface] {
        switch self.state {
        case .pcap(let state):
            [
                CaptureInterface(
                    linkType: state.linkType, snapLength: state.snapLength,
                    unitsPerSecond: state.precision == .microseconds ? 1_000_000 : 1_000_000_000)
            ]
        case .pcapng(let state): state.interfaces
        }
    }

    /// The next record, nil at the end; a failure sticks.
    mutating func next() throws(CaptureError) -> CaptureRecord? {
        var record: CaptureRecord?
        _ = try self.nextFrame { frame in record = frame.record }
        return record
    }

    /// Hands the next frame to `body`, borrowed from the input's buffer; false at the end (and
    /// `body` not called). A failure sticks.
    @inline(__always)
    mutating func nextFrame(_ body: (CaptureFrame) -> Void) throws(CaptureError) -> Bool {
        if let failure = self.failure {
            throw failure
        }
        do {
            switch self.state {
            case .pcap(let state):
                return try self.nextPcapFrame(state, body)
            case .pcapng:
                return try self.nextPcapngFrame(body)
            }
        } catch {
            self.failure = error
            throw error
        }
    }

    /// Hands frames to `body` until it returns false or the file ends.
    mutating func forEachFrame(_ body: (CaptureFrame) -> Bool) throws(CaptureError) {
        var proceed = true
        // Classic pcap, the common case, in a loop of its own: the state is read once.
        if self.failure == nil, case .pcap(let state) = self.state {
            do {
                while proceed, try self.nextPcapFrame(state, { frame in proceed = body(frame) }) {}
                return
            } catch {
                self.failure = error
                throw error
            }
        }
        while proceed, try self.nextFrame({ frame in proceed = body(frame) }) {}
    }

    // MARK: - Classic pcap

    private static func readPcapHeader(
        _ input: inout CaptureInput, magic: UInt32
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
        let (major, minor, snapLength, linkField) = input.withWindow(24) { window in
            (window.uint16(4, order), window.uint16(6, order), window.uint32(16, order), window.uint32(20, order))
        }
        guard major == 2 else {
            throw CaptureError(
                offset: 4, context: "pcap file header", reason: .unsupportedVersion(major: major, minor: minor))
        }
        // The low 16 bits are the link type; the top bits may carry FCS information.
        let linkType = LinkType(rawValue: linkField & 0xFFFF)
        input.advance(24)
        let state = PcapState(
            byteOrder: order, precision: precision, linkType: linkType, snapLength: snapLength,
            recordHeaderLength: modified ? 24 : 16)
        let format = CaptureFormat.pcap(
            byteOrder: order, precision: precision, linkType: linkType, snapLength: snapLength, modified: modified)
        return (state, format)
    }

    @inline(__always)
    private mutating func nextPcapFrame(
        _ state: PcapState, _ body: (CaptureFrame) -> Void
    ) throws(CaptureError) -> Bool {
        let recordOffset = self.input.offset
        let headerLength = state.recordHeaderLength
        let available = try self.input.ensure(headerLength)
        if available == 0 {
            return false
        }
        guard available == headerLength else {
            throw CaptureError(
                offset: recordOffset, context: "pcap record header",
                reason: .truncated(needed: headerLength, available: available))
        }
        let order = state.byteOrder
        let (seconds, fraction, captured, original) = self.input.withWindow(headerLength) { window in
            (window.uint32(0, order), window.uint32(4, order), window.uint32(8, order), window.uint32(12, order))
        }
        let capturedLength = Int(captured)
        guard capturedLength <= CaptureReader.maximumRecordLength else {
            throw CaptureError(
                offset: recordOffset + 8, context: "pcap record header",
                reason: .lengthOutOfRange(declared: capturedLength, limit: CaptureReader.maximumRecordLength))
        }
        let total = headerLength + capturedLength
        let availableRecord = try self.input.ensure(total)
        guard availableRecord == total else {
            throw CaptureError(
                offset: recordOffset + headerLength, context: "pcap record data",
                reason: .truncated(needed: capturedLength, available: availableRecord - headerLength))
        }
        let nanoseconds: UInt64 = state.precision == .microseconds ? UInt64(fraction) * 1_000 : UInt64(fraction)
        let timestamp = CaptureTimestamp(
            seconds: UInt64(seconds) + nanoseconds / 1_000_000_000, nanoseconds: UInt32(nanoseconds % 1_000_000_000))
        let placement = FramePlacement(
            timestamp: timestamp, linkType: state.linkType, interfaceIndex: 0, originalLength: Int(original),
            fileOffset: recordOffset, dataOffset: headerLength, dataCount: capturedLength)
        self.input.withWindow(total) { window in body(placement.frame(in: window)) }
        self.input.advance(total)
        return true
    }
}
