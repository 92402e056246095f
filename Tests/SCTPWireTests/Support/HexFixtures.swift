import Foundation

/// Reads the `.hex` fixtures under `Fixtures/`: `#` comment lines, `== name` starting a packet,
/// lines of hex bytes, and optional `expect: ...` lines that belong to the packet above.
struct HexFixture: Sendable {
    var name: String
    var bytes: [UInt8]
    var expectations: [String]
}

enum HexFixtures {
    enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case badHex(file: String, line: Int, text: String)

        var description: String {
            switch self {
            case .missing(let file): "fixture \(file) not found in the test bundle"
            case .badHex(let file, let line, let text): "\(file):\(line): not hex: \(text)"
            }
        }
    }

    /// All packets of `Fixtures/<file>`, in file order.
    static func load(_ file: String) throws -> [HexFixture] {
        let url = Bundle.module.bundleURL.appendingPathComponent("Fixtures").appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw LoadError.missing(file) }
        var fixtures: [HexFixture] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("== ") {
                fixtures.append(HexFixture(name: String(line.dropFirst(3)), bytes: [], expectations: []))
            } else if line.hasPrefix("expect: "), !fixtures.isEmpty {
                fixtures[fixtures.count - 1].expectations.append(String(line.dropFirst("expect: ".count)))
            } else {
                guard !fixtures.isEmpty else { throw LoadError.badHex(file: file, line: index + 1, text: line) }
                for token in line.split(separator: " ") {
                    guard token.count == 2, let byte = UInt8(token, radix: 16) else {
                        throw LoadError.badHex(file: file, line: index + 1, text: line)
                    }
                    fixtures[fixtures.count - 1].bytes.append(byte)
                }
            }
        }
        return fixtures
    }

    /// The packet named `name` in `file`.
    static func packet(_ name: String, in file: String) throws -> HexFixture {
        guard let fixture = try Self.load(file).first(where: { $0.name == name }) else {
            throw LoadError.missing("\(file): \(name)")
        }
        return fixture
    }
}
