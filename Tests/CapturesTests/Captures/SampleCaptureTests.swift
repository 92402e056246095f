import Captures
import NetworkLayers
import SCTPWire
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The repository root, found from this file's path.
func repositoryRoot(_ file: String = #filePath) -> String {
    var path = file
    while let slash = path.lastIndex(of: "/") {
        path = String(path[..<slash])
        if readFileBytes(path + "/Package.swift") != nil {
            return path
        }
    }
    return "."
}

@Suite("Sample capture Scenarios/captures/linux-handshake.pcap")
struct SampleCaptureTests {
    static let relativePath = "Scenarios/captures/linux-handshake.pcap"

    /// Rebuilds the sample; with SCTPCONFORM_UPDATE_CAPTURES=1 in the environment it rewrites the
    /// checked-in file, otherwise it requires the file to match byte for byte.
    @Test("the checked-in sample is exactly what the encoder and the pcap writer produce")
    func sampleIsReproducible() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let fresh = directory.file("linux-handshake.pcap")
        try PcapWriter.write(try LinuxHandshake.records(), to: fresh, linkType: .ethernet, precision: .microseconds)
        let target = repositoryRoot() + "/" + Self.relativePath
        if getenv("SCTPCONFORM_UPDATE_CAPTURES") != nil {
            try PcapWriter.write(
                try LinuxHandshake.records(), to: target, linkType: .ethernet, precision: .microseconds)
        }
        let checkedIn = try #require(readFileBytes(target), "\(Self.relativePath) is missing")
        #expect(checkedIn == readFileBytes(fresh))
    }

    @Test("every packet of the sample reads back, extracts, decodes and carries a correct checksum")
    func sampleDecodes() throws {
        let records = try CaptureReader(path: repositoryRoot() + "/" + Self.relativePath).readAll()
        #expect(records.count == 13)
        #expect(LinuxHandshake.tcpdumpLines.count == 13, "Scenarios/captures/linux-handshake.txt holds the 13 lines")
        for (record, expected) in zip(records, LinuxHandshake.packets) {
            guard case .sctp(let carried) = try SCTPExtractor.extract(frame: record.bytes, linkType: record.linkType)
            else {
                Issue.record("not SCTP: \(record)")
                continue
            }
            #expect(carried.bytes == expected)
            #expect(SCTPChecksum.verify(carried.bytes) == .correct)
            #expect(try SCTPPacket(decoding: carried.bytes).encodedKeepingChecksum == carried.bytes)
            #expect(carried.ipv4HeaderChecksumCorrect == true)
        }
        let summaries = records.compactMap { record -> String? in
            guard case .sctp(let carried) = try? SCTPExtractor.extract(frame: record.bytes, linkType: record.linkType)
            else {
                return nil
            }
            return TcpdumpSummary.line(
                for: carried.bytes, sourceAddress: carried.source.description,
                destinationAddress: carried.destination.description)
        }
        #expect(summaries == LinuxHandshake.tcpdumpLines.map { String($0.dropFirst(19)) })
    }
}
