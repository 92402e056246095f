import Captures
import NetworkLayers
import Testing

@Suite("pcap reading")
struct PcapReaderTests {
    static let frames: [[UInt8]] = [[0x45, 1, 2, 3], [], Array(0..<200).map { UInt8($0) }, [9]]

    @Test(
        "both byte orders, microsecond and nanosecond magic, and the modified format",
        arguments: [
            (false, 0xA1B2_C3D4 as UInt32, false), (true, 0xA1B2_C3D4, false), (false, 0xA1B2_3C4D, false),
            (true, 0xA1B2_3C4D, false), (false, 0xA1B2_CD34, true), (true, 0xA1B2_CD34, true),
        ])
    func variants(bigEndian: Bool, magic: UInt32, modified: Bool) throws {
        var builder = CaptureFileBuilder(bigEndian: bigEndian)
        builder.pcapHeader(magic: magic, linkType: 228, snapLength: 1_000)
        let nanosecond = magic == 0xA1B2_3C4D
        for (index, frame) in Self.frames.enumerated() {
            let fraction: UInt32 = nanosecond ? 123_456_789 : 123_456
            builder.pcapRecord(
                seconds: 1_595_518_918 + UInt32(index), fraction: fraction, data: frame,
                originalLength: frame.count + index, modifiedExtra: modified)
        }
        let reader = try CaptureReader(bytes: builder.bytes)
        guard case .pcap(let order, let precision, let linkType, let snapLength, let isModified) = reader.format else {
            Issue.record("expected pcap, got \(reader.format)")
            return
        }
        #expect(order == (bigEndian ? .bigEndian : .littleEndian))
        #expect(precision == (nanosecond ? .nanoseconds : .microseconds))
        #expect(linkType == .ipv4 && snapLength == 1_000 && isModified == modified)
        let records = try reader.readAll()
        #expect(records.map(\.bytes) == Self.frames)
        #expect(records.map(\.originalLength) == Self.frames.enumerated().map { $0.element.count + $0.offset })
        #expect(records.map(\.linkType) == Array(repeating: .ipv4, count: 4))
        #expect(
            records[0].timestamp
                == CaptureTimestamp(seconds: 1_595_518_918, nanoseconds: nanosecond ? 123_456_789 : 123_456_000))
        #expect(records[3].isTruncated && !records[0].isTruncated)
        let headerLength = modified ? 24 : 16
        #expect(
            records.map(\.fileOffset) == [
                24, 24 + headerLength + 4, 24 + 2 * headerLength + 4, 24 + 3 * headerLength + 204,
            ])
        #expect(try reader.next() == nil)
    }

    @Test("what the encoder writes, the reader reads, in both precisions")
    func encoderRoundTrip() throws {
        for precision in [PcapTimestampPrecision.microseconds, .nanoseconds] {
            let records = Self.frames.enumerated().map { index, frame in
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: UInt64(index), nanoseconds: 987_654_321), linkType: .raw,
                    originalLength: frame.count + 1, bytes: frame)
            }
            let bytes = PcapEncoder.encode(records, linkType: .raw, precision: precision)
            let read = try CaptureReader(bytes: bytes).readAll()
            #expect(read.map(\.bytes) == Self.frames)
            #expect(read.map(\.originalLength) == records.map(\.originalLength))
            let expectedNanoseconds: UInt32 = precision == .microseconds ? 987_654_000 : 987_654_321
            #expect(read.map(\.timestamp.nanoseconds) == Array(repeating: expectedNanoseconds, count: 4))
            #expect(read.map(\.timestamp.seconds) == [0, 1, 2, 3])
        }
    }

    @Test("the encoder cuts frames to the snapshot length and records the original length")
    func snapLength() throws {
        var bytes = PcapEncoder.fileHeader(linkType: .raw, snapLength: 3)
        PcapEncoder.appendRecord([1, 2, 3, 4, 5], timestamp: CaptureTimestamp(seconds: 1), snapLength: 3, to: &bytes)
        let record = try #require(try CaptureReader(bytes: bytes).next())
        #expect(record.bytes == [1, 2, 3] && record.originalLength == 5 && record.isTruncated)
    }

    @Test("every truncated prefix yields the whole records before it, then a located error")
    func everyPrefix() throws {
        let records = Self.frames.map {
            CaptureRecord(timestamp: CaptureTimestamp(seconds: 7), linkType: .raw, bytes: $0)
        }
        let file = PcapEncoder.encode(records)
        var recordEnds: [Int] = []
        var end = 24
        for frame in Self.frames {
            end += 16 + frame.count
            recordEnds.append(end)
        }
        for length in 0..<file.count {
            let prefix = Array(file.prefix(length))
            var read: [CaptureRecord] = []
            let failure: CaptureError?
            do {
                let reader = try CaptureReader(bytes: prefix)
                failure = reader.readAvailable(into: &read)
                if let failure {
                    // The error sticks.
                    #expect(throws: failure) { try reader.next() }
                }
            } catch {
                failure = error
            }
            let whole = recordEnds.filter { $0 <= length }.count
            #expect(read.count == whole, "prefix \(length)")
            #expect(read.map(\.bytes) == Array(Self.frames.prefix(whole)))
            let atBoundary = length == 24 || recordEnds.contains(length)
            if atBoundary {
                #expect(failure == nil, "prefix \(length) ends on a record boundary")
            } else {
                let error = try #require(failure, "prefix \(length)")
                #expect(error.offset >= 0 && error.offset <= length)
                if case .truncated = error.reason {} else { Issue.record("prefix \(length): \(error)") }
            }
        }
    }

    @Test("corrupt headers and records")
    func corrupt() throws {
        #expect(throws: CaptureError(offset: 0, context: "file header", reason: .unknownMagic(0x1234_5678))) {
            try CaptureReader(bytes: [0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0])
        }
        #expect(throws: CaptureError(offset: 0, context: "file header", reason: .truncated(needed: 4, available: 0))) {
            try CaptureReader(bytes: [])
        }
        var version = CaptureFileBuilder(bigEndian: false)
        version.pcapHeader(magic: 0xA1B2_C3D4, linkType: 101)
        version.bytes[4] = 3
        #expect(
            throws: CaptureError(
                offset: 4, context: "pcap file header", reason: .unsupportedVersion(major: 3, minor: 4))
        ) {
            try CaptureReader(bytes: version.bytes)
        }
        var huge = CaptureFileBuilder(bigEndian: true)
        huge.pcapHeader(magic: 0xA1B2_C3D4, linkType: 101)
        huge.pcapRecord(seconds: 0, fraction: 0, data: [1, 2])
        huge.u32(0)
        huge.u32(0)
        huge.u32(0x7FFF_FFFF)
        huge.u32(0x7FFF_FFFF)
        let reader = try CaptureReader(bytes: huge.bytes)
        #expect(try reader.next()?.bytes == [1, 2])
        #expect(
            throws: CaptureError(
                offset: 24 + 18 + 8, context: "pcap record header",
                reason: .lengthOutOfRange(declared: 0x7FFF_FFFF, limit: CaptureReader.maximumRecordLength))
        ) {
            try reader.next()
        }
    }

    @Test("the link type field's FCS bits are ignored")
    func fcsBits() throws {
        var builder = CaptureFileBuilder(bigEndian: false)
        builder.pcapHeader(magic: 0xA1B2_C3D4, linkType: 0x1400_0001)
        #expect(try CaptureReader(bytes: builder.bytes).interfaces.first?.linkType == .ethernet)
    }
}
