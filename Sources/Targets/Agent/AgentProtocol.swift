/// The lines of the agent control protocol (docs/agent-protocol.md): the command for each
/// application action and socket option, and the `ApplicationEvent` of each event line. Parsing
/// never judges: a line that does not parse is reported as such, with the line.
public enum AgentProtocol {
    /// The protocol version this harness speaks (`hello`'s second field).
    public static let version = 1

    /// The command line for an application action.
    public static func command(for action: ApplicationAction) -> String {
        switch action {
        case .listen: return "listen"
        case .connect: return "connect"
        case .send(let stream, let ppid, let payload, let unordered):
            return "send \(stream) \(ppid) \(unordered ? 1 : 0) \(Self.hex(payload))"
        case .shutdown: return "shutdown"
        case .abort(let reason): return "abort \(Self.hex(reason))"
        case .close: return "close"
        case .setOption(let option): return Self.command(for: option)
        }
    }

    /// The `option ...` line for a socket option (RFC 6458 names in the comments of `SocketOption`).
    public static func command(for option: SocketOption) -> String {
        func value(_ number: (some BinaryInteger)?) -> String { number.map { "\($0)" } ?? "-" }
        switch option {
        case .rtoInfo(let initial, let min, let max):
            return "option rto \(value(initial)) \(value(min)) \(value(max))"
        case .initMessage(let outbound, let inbound, let attempts):
            return "option initmsg \(value(outbound)) \(value(inbound)) \(value(attempts))"
        case .cookieLife(let milliseconds): return "option cookie-life \(milliseconds)"
        case .maxRetransmissions(let count): return "option max-retrans \(count)"
        case .heartbeatInterval(let milliseconds): return "option heartbeat \(milliseconds)"
        case .delayedAck(let milliseconds): return "option delayed-ack \(milliseconds)"
        case .noDelay(let on): return "option nodelay \(on ? 1 : 0)"
        }
    }

    /// The `configure` line: `local` is the agent's (the SUT's) side, `peer` the harness's.
    public static func configure(
        localPort: UInt16, peerPort: UInt16, localAddresses: [String], peerAddress: String, udpPort: UInt16,
        peerUDPPort: UInt16
    ) -> String {
        var fields = ["configure", "local-port=\(localPort)", "peer-port=\(peerPort)"]
        fields += localAddresses.map { "local-address=\($0)" }
        fields += ["peer-address=\(peerAddress)", "udp-port=\(udpPort)", "peer-udp-port=\(peerUDPPort)"]
        return fields.joined(separator: " ")
    }

    /// Lowercase hex, `-` for no bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "-" }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of hex text (`-` is none); nil when it is not hex.
    public static func bytes(hex text: Substring) -> [UInt8]? {
        if text == "-" { return [] }
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The event of an `event ...` line; nil when the line is not a well-formed event.
    public static func event(_ line: Substring) -> ApplicationEvent? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, fields[0] == "event" else { return nil }
        switch fields[1] {
        case "assoc-change":
            guard fields.count == 5, let outbound = UInt16(fields[3]), let inbound = UInt16(fields[4]) else {
                return nil
            }
            return .associationChange(state: String(fields[2]), outboundStreams: outbound, inboundStreams: inbound)
        case "shutdown-received":
            return fields.count == 2 ? .shutdownReceived : nil
        case "message":
            guard fields.count == 6, let stream = UInt16(fields[2]), let ppid = UInt32(fields[3]),
                fields[4] == "0" || fields[4] == "1", let payload = Self.bytes(hex: fields[5])
            else { return nil }
            return .message(stream: stream, ppid: ppid, payload: payload, unordered: fields[4] == "1")
        case "send-failed":
            guard fields.count == 3, let code = UInt32(fields[2]) else { return nil }
            return .sendFailed(errorCode: code)
        case "remote-error":
            guard fields.count == 3, let cause = UInt16(fields[2]) else { return nil }
            return .remoteError(causeCode: cause)
        case "notification":
            guard fields.count == 3 else { return nil }
            return .notification(String(fields[2]))
        default:
            return nil
        }
    }
}

/// An agent's answer to one command.
public enum AgentReply: Hashable, Sendable {
    /// `ok` with its fields.
    case ok([String])
    /// `error <errno> <message>`.
    case error(errno: Int32, message: String)

    /// Parses a reply line; nil when it is neither `ok` nor a well-formed `error`.
    public init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.first == "ok" {
            self = .ok(fields.dropFirst().map(String.init))
            return
        }
        guard fields.first == "error", fields.count >= 2, let code = Int32(fields[1]) else { return nil }
        let message = fields.count > 2 ? fields[2...].joined(separator: " ") : ""
        self = .error(errno: code, message: message)
    }
}
