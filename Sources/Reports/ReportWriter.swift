import Captures
import Foundation
import Runner

/// Why reports could not be written.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write \(self.path): \(self.reason)" }
}

/// Writes a run's reports into one directory, each file atomically (temporary file, then rename):
/// `<id>.pcap` and `<id>.json` per scenario, `run.json`, `junit.xml` and `index.html` for the run.
public struct ReportWriter: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Writes everything; returns the paths written, in order.
    @discardableResult
    public func write(
        _ results: [ScenarioResult], target: String, seed: UInt64, profile: String? = nil
    ) throws(ReportError) -> [String] {
        try ReportFolder.createFolder(self.directory)
        var written: [String] = []
        var reportNames: [String: String] = [:]
        for result in results {
            let pcapName = Self.pcapName(for: result)
            if let pcapName {
                written.append(try self.write(Self.pcap(result), name: pcapName))
            }
            let jsonName = Self.jsonName(for: result)
            written.append(
                try self.write(Array(ResultJSON.scenario(result, pcapName: pcapName).serialized().utf8), name: jsonName)
            )
            reportNames[result.scenarioID] = jsonName
        }
        let summary = ResultJSON.run(results, target: target, seed: seed, files: reportNames, profile: profile)
        written.append(try self.write(Array(summary.serialized().utf8), name: "run.json"))
        written.append(
            try self.write(Array(JUnitReport.document(results, target: target, seed: seed).utf8), name: "junit.xml"))
        written.append(
            try self.write(Array(HTMLReport.document(results, target: target, seed: seed).utf8), name: "index.html"))
        return written
    }

    /// `<id>.pcap`, or nil for a skipped scenario that exchanged nothing (no pcap is written for it).
    static func pcapName(for result: ScenarioResult) -> String? {
        result.capture.isEmpty && result.verdict == .skip ? nil : "\(result.scenarioID).pcap"
    }

    /// `<id>.json`.
    static func jsonName(for result: ScenarioResult) -> String {
        "\(result.scenarioID).json"
    }

    /// The pcap bytes of one run (raw IP, microsecond virtual timestamps).
    public static func pcap(_ result: ScenarioResult) -> [UInt8] {
        PcapEncoder.encode(result.capture, linkType: .raw, precision: .microseconds)
    }

    /// Writes one file of the folder atomically; returns its path.
    func write(_ bytes: [UInt8], name: String) throws(ReportError) -> String {
        let path = self.directory.hasSuffix("/") ? self.directory + name : self.directory + "/" + name
        do {
            // A writer that does not reach commit() removes its temporary file when released.
            let writer = try AtomicFileWriter(path: path)
            try writer.write(bytes)
            try writer.commit()
        } catch {
            throw ReportError(path: path, reason: error.description)
        }
        return path
    }
}
