import Targets

/// The corpus file format of one fuzz case (see `Corpus/README.md`): line-based text, one step per
/// line, chunks indented under their packet, numbers in decimal or `0x` hex, bytes in lowercase hex
/// (`-` for none). Writing then reading gives the case back; the same case always gives the same text.
public enum FuzzCaseText {
    /// The first line of every case file.
    public static let header = "sctpconform-fuzz-case 1"

    public static func write(_ fuzzCase: FuzzCase) -> String {
        var lines = [Self.header]
        for step in fuzzCase.steps {
            switch step {
            case .packet(let packet):
                lines.append(
                    "packet \(packet.sourcePort) \(packet.destinationPort) \(Self.hex32(packet.verificationTag)) "
                        + Self.checksum(packet.checksum))
                for chunk in packet.chunks {
                    lines.append(
                        "  chunk \(chunk.type) \(chunk.flags) \(chunk.length.map(String.init) ?? "-") "
                            + Self.hex(chunk.value))
                }
            case .advance(let milliseconds):
                lines.append("advance \(milliseconds)")
            case .action(let action):
                lines.append("action " + Self.action(action))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a case; nil with the line's number and reason when the text is not one.
    public static func read(_ text: String) -> Result<FuzzCase, FuzzCaseTextError> {
        var steps: [FuzzCaseStep] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == Self.header else {
            return .failure(FuzzCaseTextError(line: 1, reason: "expected '\(Self.header)'"))
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            let fail = { (reason: String) in FuzzCaseTextError(line: index + 1, reason: reason) }
            switch words.first {
            case "packet":
                guard words.count == 5, let source = UInt16(words[1]), let destination = UInt16(words[2]),
                    let tag = Self.number(words[3]).flatMap(UInt32.init(exactly:)),
                    let checksum = Self.checksum(words[4])
                else { return .failure(fail("a packet is: packet SRC DST TAG CHECKSUM")) }
                steps.append(
                    .packet(
                        FuzzPacket(
                            sourcePort: source, destinationPort: destination, verificationTag: tag, checksum: checksum,
                            chunks: [])))
            case "chunk":
                guard words.count == 5, let type = UInt8(words[1]), let flags = UInt8(words[2]),
                    let value = Self.bytes(words[4])
                else { return .failure(fail("a chunk is: chunk TYPE FLAGS LENGTH|- VALUE|-")) }
                let length = words[3] == "-" ? nil : UInt16(words[3])
                if words[3] != "-" && length == nil { return .failure(fail("bad chunk length '\(words[3])'")) }
                guard case .packet(var packet)? = steps.last else {
                    return .failure(fail("a chunk outside a packet"))
                }
                packet.chunks.append(FuzzChunk(type: type, flags: flags, value: value, length: length))
                steps[steps.count - 1] = .packet(packet)
            case "advance":
                guard words.count == 2, let milliseconds = UInt32(words[1]) else {
                    return .failure(fail("an advance is: advance MILLISECONDS"))
                }
                steps.append(.advance(milliseconds: milliseconds))
            case "action":
                guard let action = Self.action(Array(words.dropFirst())) else {
                    return .failure(fail("unknown action '\(words.dropFirst().joined(separator: " "))'"))
                }
                steps.append(.action(action))
            default:
                return .failure(fail("unknown step '\(words.first ?? "")'"))
            }
        }
        return .success(FuzzCase(steps: steps))
    }

    // MARK: Actions

    static func action(_ action: ApplicationAction) -> String {
        switch action {
        case .listen: return "listen"
        case .connect: return "connect"
        case .send(let stream, let ppid, let payload, let unordered):
            return "send \(stream) \(ppid) \(unordered ? 1 : 0) \(Self.hex(payload))"
        case .shutdown: return "shutdown"
        case .abort(let reason): return "abort \(Self.hex(reason))"
        case .close: return "close"
        case .setOption(let option):
            switch option {
            case .rtoInfo(let initial, let min, let max):
                return "option rto-info \(Self.optional(initial)) \(Self.optional(min)) \(Self.optional(max))"
            case .initMessage(let outbound, let inbound, let attempts):
                let values = [Self.optional(outbound), Self.optional(inbound), Self.optional(attempts)]
                return "option init-message " + values.joined(separator: " ")
            case .cookieLife(let milliseconds): return "option cookie-life \(milliseconds)"
            case .maxRetransmissions(let count): return "option max-retransmissions \(count)"
            case .heartbeatInterval(let milliseconds): return "option heartbeat-interval \(milliseconds)"
            case .delayedAck(let milliseconds): return "option delayed-ack \(milliseconds)"
            case .noDelay(let on): return "option nodelay \(on ? 1 : 0)"
            }
        }
    }

    static func action(_ words: [String]) -> ApplicationAction? {
        switch (words.first, words.count) {
        case ("listen", 1): return .listen
        case ("connect", 1): return .connect
        case ("shutdown", 1): return .shutdown
        case ("close", 1): return .close
        case ("abort", 2): return Self.bytes(words[1]).map { .abort(reason: $0) }
        case ("send", 5):
            guard let stream = UInt16(words[1]), let ppid = UInt32(words[2]), let payload = Self.bytes(words[4]),
                words[3] == "0" || words[3] == "1"
            else { return nil }
            return .send(stream: stream, ppid: ppid, payload: payload, unordered: words[3] == "1")
        case ("option", _):
            return Self.option(Array(words.dropFirst())).map { .setOption($0) }
        default: return nil
        }
    }

    static func option(_ words: [String]) -> SocketOption? {
        let values = words.dropFirst().map { $0 == "-" ? nil : UInt64($0) }
        let given = words.dropFirst().map { $0 != "-" }
        guard zip(values, given).allSatisfy({ $0.0 != nil || !$0.1 }) else { return nil }
        func u32(_ index: Int) -> UInt32? { values[index].flatMap { UInt32(exactly: $0) } }
        func u16(_ index: Int) -> UInt16? { values[index].flatMap { UInt16(exactly: $0) } }
        switch (words.first, values.count) {
        case ("rto-info", 3): return .rtoInfo(initial: u32(0), min: u32(1), max: u32(2))
        case ("init-message", 3):
            return .initMessage(outboundStreams: u16(0), maxInboundStreams: u16(1), maxAttempts: u16(2))
        case ("cookie-life", 1): return u32(0).map { .cookieLife(milliseconds: $0) }
        case ("max-retransmissions", 1): return u16(0).map { .maxRetransmissions($0) }
        case ("heartbeat-interval", 1): return u32(0).map { .heartbeatInterval(milliseconds: $0) }
        case ("delayed-ack", 1): return u32(0).map { .delayedAck(milliseconds: $0) }
        case ("nodelay", 1): return values[0].flatMap { $0 <= 1 ? .noDelay($0 == 1) : nil }
        default: return nil
        }
    }

    // MARK: Values

    static func optional<Value: BinaryInteger>(_ value: Value?) -> String {
        value.map { String($0) } ?? "-"
    }

    static func checksum(_ checksum: FuzzChecksum) -> String {
        switch checksum {
        case .correct: "correct"
        case .zero: "zero"
        case .bad: "bad"
        case .value(let value): Self.hex32(value)
        }
    }

    static func checksum(_ text: String) -> FuzzChecksum? {
        switch text {
        case "correct": .correct
        case "zero": .zero
        case "bad": .bad
        default: Self.number(text).flatMap(UInt32.init(exactly:)).map { .value($0) }
        }
    }

    static func hex32(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func number(_ text: String) -> UInt64? {
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "-" }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(Self.digits[Int(byte >> 4)])
            text.append(Self.digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func bytes(_ text: String) -> [UInt8]? {
        if text == "-" { return [] }
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = Self.nibble(characters[index]), let low = Self.nibble(characters[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a corpus file is not a fuzz case.
public struct FuzzCaseTextError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public var description: String { "line \(self.line): \(self.reason)" }
}
