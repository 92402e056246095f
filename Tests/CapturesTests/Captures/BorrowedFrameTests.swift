import Captures
import NetworkLayers
import Testing

@Suite("Reading frames borrowed from the reader's buffer")
struct BorrowedFrameTests {
    /// Every remaining frame, copied out through `forEachFrame`.
    static func borrowed(_ reader: CaptureReader) throws(CaptureError) -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        try reader.forEachFrame { frame in
            #expect(frame.isTruncated == (frame.bytes.count < frame.originalLength))
            records.append(frame.record)
            return true
        }
        return records
    }

    /// Every remaining frame, copied out through `withNextFrame`, one call per frame.
    static func borrowedOneByOne(_ reader: CaptureReader) throws(CaptureError) -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        while try reader.withNextFrame({ frame in records.append(frame.record) }) {}
        return records
    }

    /// Classic pcap files in both byte orders, both precisions and the modified variant.
    static func pcapSamples() -> [[UInt8]] {
        let variants: [(magic: UInt32, modified: Bool)] = [
            (0xA1B2_C3D4, false), (0xA1B2_3C4D, false), (0xA1B2_CD34, true),
        ]
        return [false, true].flatMap { bigEndian in
            variants.map { variant in
                var builder = CaptureFileBuilder(bigEndian: bigEndian)
                builder.pcapHeader(magic: variant.magic, linkType: 1)
                for index in 0..<5 {
                    builder.pcapRecord(
                        seconds: UInt32(100 + index), fraction: UInt32(index * 999),
                        data: (0..<(index * 7 + 1)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) },
                        originalLength: index == 3 ? 400 : nil, modifiedExtra: variant.modified)
                }
                return builder.bytes
            }
        }
    }

    static func samples() -> [[UInt8]] {
        Self.pcapSamples() + [false, true].map { PcapngReaderTests.sample(bigEndian: $0).builder.bytes }
    }

    @Test("forEachFrame and withNextFrame hand out exactly the records next() returns, pcap and pcapng")
    func sameRecords() throws {
        for bytes in Self.samples() {
            let owned = try CaptureReader(bytes: bytes).readAll()
            #expect(owned.count >= 4)
            #expect(try Self.borrowed(CaptureReader(bytes: bytes)) == owned)
            #expect(try Self.borrowedOneByOne(CaptureReader(bytes: bytes)) == owned)
        }
    }

    @Test("forEachFrame stops when asked; next() and withNextFrame continue where it stopped")
    func stopAndMix() throws {
        let bytes = Self.pcapSamples()[0]
        let all = try CaptureReader(bytes: bytes).readAll()
        let reader = try CaptureReader(bytes: bytes)
        var seen: [CaptureRecord] = []
        try reader.forEachFrame { frame in
            seen.append(frame.record)
            return seen.count < 2
        }
        #expect(seen == Array(all.prefix(2)))
        #expect(try reader.next() == all[2])
        var third: CaptureRecord?
        #expect(try reader.withNextFrame { third = $0.record })
        #expect(third == all[3])
        #expect(try Self.borrowed(reader) == [all[4]])
        var calledAtEnd = false
        #expect(try reader.withNextFrame { _ in calledAtEnd = true } == false)
        #expect(!calledAtEnd)
        #expect(try reader.next() == nil)
    }

    @Test("a truncated file: every good frame, then next()'s error, which sticks", arguments: [false, true])
    func truncated(pcapng: Bool) throws {
        let whole = pcapng ? Self.samples().last ?? [] : Self.pcapSamples()[1]
        let owned = try CaptureReader(bytes: whole).readAll()
        for cut in [whole.count - 1, whole.count - 9, whole.count / 2] {
            let bytes = Array(whole.prefix(cut))
            var expectedRecords: [CaptureRecord] = []
            let expectedError = try #require(try CaptureReader(bytes: bytes).readAvailable(into: &expectedRecords))
            #expect(expectedRecords.count < owned.count)

            let reader = try CaptureReader(bytes: bytes)
            var records: [CaptureRecord] = []
            #expect(throws: expectedError) {
                try reader.forEachFrame { frame in
                    records.append(frame.record)
                    return true
                }
            }
            #expect(records == expectedRecords)
            #expect(throws: expectedError) { try reader.withNextFrame { _ in Issue.record("a frame after the error") } }
            #expect(throws: expectedError) { try reader.next() }
        }
    }

    @Test("a file read in chunks: records across chunk boundaries and one larger than a chunk")
    func streamingFromFile() throws {
        // The reader reads 128 KiB at a time: 1.2 MB of small records, and one of 700 kB.
        var random = TestRandom(seed: 0x5C7F)
        var sizes: [Int] = []
        var total = 0
        while total < 1_200_000 {
            sizes.append(Int(random.next() % 1_500) + 1)
            total += 16 + (sizes.last ?? 0)
        }
        sizes.insert(700_000, at: sizes.count / 3)
        var builder = CaptureFileBuilder(bigEndian: false)
        builder.pcapHeader(magic: 0xA1B2_C3D4, linkType: 101)
        for (index, size) in sizes.enumerated() {
            builder.pcapRecord(seconds: UInt32(index), fraction: 0, data: random.bytes(size))
        }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("big.pcap")
        #expect(writeFileBytes(path, builder.bytes))
        let expected = try CaptureReader(bytes: builder.bytes).readAll()
        #expect(expected.map(\.bytes.count) == sizes)
        #expect(try Self.borrowed(CaptureReader(path: path)) == expected)
        #expect(try CaptureReader(path: path).readAll() == expected)
    }
}
