import Captures
import NetworkLayers
import Testing

@Suite("pcap writing and streaming from files")
struct PcapWriterTests {
    @Test("nothing appears under the name until finish; then only the file, no temporary")
    func atomicFinish() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.pcap")
        let writer = try PcapWriter(path: path, linkType: .raw, precision: .nanoseconds)
        try writer.write([0x45, 0, 0, 20], timestamp: CaptureTimestamp(seconds: 1, nanoseconds: 5))
        #expect(readFileBytes(path) == nil, "the capture must not exist before finish()")
        #expect(directory.entries().count == 1)
        #expect(directory.entries().first?.hasPrefix(".run.pcap.tmp-") == true)
        try writer.finish()
        #expect(directory.entries() == ["run.pcap"])
        let records = try CaptureReader(path: path).readAll()
        #expect(records.map(\.bytes) == [[0x45, 0, 0, 20]])
        #expect(records.first?.timestamp == CaptureTimestamp(seconds: 1, nanoseconds: 5))
        #expect(writer.recordCount == 1)
        #expect(throws: CaptureError.self) { try writer.write([1], timestamp: CaptureTimestamp(seconds: 2)) }
    }

    @Test("abandoning, or dropping the writer, leaves nothing and keeps an existing file")
    func abandon() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("keep.pcap")
        try PcapWriter.write(
            [CaptureRecord(timestamp: CaptureTimestamp(seconds: 9), linkType: .raw, bytes: [1])], to: path)
        let original = readFileBytes(path)
        do {
            let writer = try PcapWriter(path: path)
            try writer.write([2, 2], timestamp: CaptureTimestamp(seconds: 1))
            writer.abandon()
        }
        do {
            let writer = try PcapWriter(path: path)
            try writer.write([3, 3, 3], timestamp: CaptureTimestamp(seconds: 1))
            _ = writer  // dropped without finish()
        }
        #expect(directory.entries() == ["keep.pcap"])
        #expect(readFileBytes(path) == original)
    }

    @Test("a directory that does not exist is an I/O error, not a crash")
    func missingDirectory() {
        #expect(throws: CaptureError.self) { try PcapWriter(path: "/nonexistent-dir-sctpconform/x.pcap") }
        #expect(throws: CaptureError.self) { try CaptureReader(path: "/nonexistent-dir-sctpconform/x.pcap") }
    }

    @Test("a missing file is 'no such file', with no offset")
    func missingFile() {
        let missing = CaptureError(offset: 0, context: "/nonexistent-dir-sctpconform/x.pcap", reason: .noSuchFile)
        #expect(throws: missing) { try CaptureReader(path: "/nonexistent-dir-sctpconform/x.pcap") }
        #expect(missing.description == "no such file")
        #expect(
            CaptureError(offset: 0, context: "x", reason: .cannotOpen("Permission denied")).description
                == "cannot open: Permission denied")
    }

    @Test("a file larger than the read chunk streams record by record, same as in memory")
    func streamingLargeFile() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("big.pcap")
        var random = TestRandom(seed: 2_024)
        let pool = random.bytes(4_096)
        let writer = try PcapWriter(path: path, linkType: .ethernet)
        var frames: [[UInt8]] = []
        for index in 0..<1_200 {
            let start = Int(random.next() % 1_000)
            let frame = [UInt8(truncatingIfNeeded: index)] + pool[start..<(start + 500 + Int(random.next() % 2_000))]
            frames.append(frame)
            try writer.write(frame, timestamp: CaptureTimestamp(seconds: UInt64(index), nanoseconds: 1_000))
        }
        try writer.finish()
        let reader = try CaptureReader(path: path)
        var records: [CaptureRecord] = []
        while let record = try reader.next() {
            records.append(record)
        }
        #expect(records.map(\.bytes) == frames)
        #expect(records.allSatisfy { $0.linkType == .ethernet })
        #expect(records.map(\.timestamp.seconds) == (0..<UInt64(frames.count)).map { $0 })
        let whole = try #require(readFileBytes(path))
        #expect(whole.count > 1 << 20)
        #expect(try CaptureReader(bytes: whole).readAll().map(\.bytes) == frames)

        // Cut the file inside the last record: everything before it still comes out.
        let cut = directory.file("cut.pcap")
        #expect(writeFileBytes(cut, Array(whole.dropLast(7))))
        var read: [CaptureRecord] = []
        let failure = try CaptureReader(path: cut).readAvailable(into: &read)
        #expect(read.count == frames.count - 1)
        #expect(failure?.context == "pcap record data")
        #expect(failure.map { $0.offset > whole.count - 1_600 } == true)
    }

    @Test("timestamps")
    func timestamps() {
        let stamp = CaptureTimestamp(totalNanoseconds: 12_345_678_901)
        #expect(stamp.seconds == 12 && stamp.nanoseconds == 345_678_901)
        #expect(stamp.totalNanoseconds == 12_345_678_901)
        #expect(stamp.description == "12.345678901")
        #expect(
            CaptureTimestamp(seconds: 1, nanoseconds: 2_500_000_000)
                == CaptureTimestamp(seconds: 3, nanoseconds: 500_000_000))
        #expect(CaptureTimestamp(seconds: .max).totalNanoseconds == .max)
        #expect(CaptureTimestamp(seconds: 1) < CaptureTimestamp(seconds: 1, nanoseconds: 1))
    }
}
