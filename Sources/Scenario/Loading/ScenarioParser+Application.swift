import SCTPWire
import Yams

/// `app:` steps: socket API calls on the SUT and the application events it must see.
///
///     app: listen                                    # also connect, shutdown, close, abort
///     app: {send: {stream: 1, ppid: 46, data: "hello", unordered: true}}
///     app: {abort: "going away"}
///     app: {set: {rto_initial: 1s, heartbeat_interval: 0}}
///     app: {receive: {stream: 0, data: "hello"}}    # a delivered message
///     app: {event: comm_up}                          # or {event: {comm_up: {outbound_streams: 10}}}
///     app: {no_event: comm_up}                       # or [comm_up, message], or any
extension ScenarioParser {
    static let applicationCommands = [
        "listen", "connect", "shutdown", "close", "abort", "send", "set", "receive", "event", "no_event",
    ]

    func applicationStep(_ node: Node, result: MappingEntry?) -> ApplicationStep? {
        let expectFailure =
            result.flatMap { entry -> Bool? in
                guard let text = self.reader.string(entry.value, "result") else { return nil }
                switch text {
                case "ok", "success": return false
                case "error", "failure", "fail": return true
                default:
                    self.reader.report(
                        .invalidValue, at: entry.value, "unknown result '\(text)'", expected: "ok or error",
                        suggestion: NameSuggestion.closest(to: text, among: ["ok", "error"]))
                    return nil
                }
            } ?? false
        let name: String
        let argument: Node?
        let nameNode: Node
        switch node {
        case .scalar:
            guard let text = self.reader.string(node, "app") else { return nil }
            (name, argument, nameNode) = (text, nil, node)
        default:
            guard let entries = self.reader.mapping(node, "app") else { return nil }
            guard entries.count == 1, let entry = entries.first else {
                self.reader.report(
                    .invalidValue, at: node, "app must have exactly one key (the call), found \(entries.count)",
                    expected: "one of: " + Self.applicationCommands.joined(separator: ", "))
                return nil
            }
            (name, argument, nameNode) = (entry.key, entry.value, entry.keyNode)
        }
        let command: ApplicationCommand
        switch name {
        case "listen": command = .listen
        case "connect": command = .connect
        case "shutdown": command = .shutdown
        case "close": command = .close
        case "abort":
            var reason: [UInt8] = []
            if let argument, !Self.isNullNode(argument) {
                guard let bytes = self.payload(argument, path: "abort") else { return nil }
                reason = bytes
            }
            command = .abort(reason: reason)
        case "send":
            guard let argument, let message = self.applicationMessage(argument) else {
                if argument == nil {
                    self.reader.report(
                        .missingKey, at: node, "app send needs a message", expected: "{send: {data: \"hello\"}}")
                }
                return nil
            }
            command = message
        case "set":
            guard let argument else {
                self.reader.report(.missingKey, at: node, "app set needs options", expected: "{set: {rto_initial: 1s}}")
                return nil
            }
            command = .setOptions(self.socketOptions(argument, "set"))
        case "receive":
            guard let argument else {
                self.reader.report(
                    .missingKey, at: node, "app receive needs a message pattern",
                    expected: "{receive: {data: \"hello\"}}")
                return nil
            }
            return self.messagePattern(argument).map { .expectEvent($0) }
        case "event":
            guard let argument else {
                self.reader.report(.missingKey, at: node, "app event needs an event", expected: "{event: comm_up}")
                return nil
            }
            return self.eventPattern(argument).map { .expectEvent($0) }
        case "no_event":
            guard let argument else {
                self.reader.report(
                    .missingKey, at: node, "app no_event needs the events that must not come",
                    expected: "{no_event: comm_up}, a list of events, or any")
                return nil
            }
            return self.absentEventPatterns(argument).map { .expectNoEvent($0) }
        default:
            self.reader.report(
                .unknownKey, at: nameNode, "unknown application call '\(name)'",
                expected: "one of: " + Self.applicationCommands.joined(separator: ", "),
                suggestion: NameSuggestion.closest(to: name, among: Self.applicationCommands))
            return nil
        }
        if argument != nil, let argument, !Self.isNullNode(argument),
            ["listen", "connect", "shutdown", "close"].contains(name)
        {
            self.reader.report(.invalidValue, at: argument, "app \(name) takes no argument")
        }
        return .perform(command, expectFailure: expectFailure)
    }

    /// `{stream: 1, ppid: 46, data: "hello", unordered: true}`, or just the data.
    private func applicationMessage(_ node: Node) -> ApplicationCommand? {
        if case .scalar = node {
            return self.payload(node, path: "send").map { .send(stream: 0, ppid: 0, payload: $0, unordered: false) }
        }
        guard let entries = self.reader.mapping(node, "send") else { return nil }
        self.reader.checkKeys(
            entries, in: node, allowed: ["stream", "ppid", "data", "unordered"], required: ["data"], "send")
        var stream: UInt64 = 0
        var ppid: UInt64 = 0
        var payload: [UInt8]?
        var unordered = false
        for entry in entries {
            switch entry.key {
            case "stream": stream = self.reader.unsigned(entry.value, "send.stream", bits: 16) ?? 0
            case "ppid": ppid = self.reader.unsigned(entry.value, "send.ppid", bits: 32) ?? 0
            case "data": payload = self.payload(entry.value, path: "send.data")
            case "unordered": unordered = self.reader.bool(entry.value, "send.unordered") ?? false
            default: continue
            }
        }
        guard let payload else { return nil }
        return .send(
            stream: UInt16(truncatingIfNeeded: stream), ppid: UInt32(truncatingIfNeeded: ppid), payload: payload,
            unordered: unordered)
    }

    /// Text, `0x`-hex, or `{hex: ...}` / `{text: ...}` / `{size: n, fill: b}`.
    private func payload(_ node: Node, path: String) -> [UInt8]? {
        if self.reader.isBinary(node) { return self.reader.binary(node, path) }
        if case .mapping = node { return self.explicitBytes(node, path: path) }
        guard let text = self.reader.scalarText(node, path, expected: "text or 0x-prefixed hex") else { return nil }
        return self.bytesLiteral(text, at: node, path: path, defaultHex: false)
    }

    private func messagePattern(_ node: Node) -> RecordPattern? {
        guard let schema = self.vocabulary.events[ApplicationEventVocabulary.messageKind] else { return nil }
        if case .scalar(let scalar) = node, !Self.isNull(scalar) {
            let location = self.reader.location(of: node)
            guard let data = self.fieldPattern(node, type: .bytes, path: "receive.data") else { return nil }
            return RecordPattern(
                kind: schema.kind, fields: [FieldPatternEntry(name: "data", pattern: data, location: location)])
        }
        return self.recordPattern(node, schema: schema)
    }

    private func eventPattern(_ node: Node) -> RecordPattern? {
        let kinds = self.vocabulary.events.keys.sorted()
        func schema(_ name: String, at node: Node) -> FieldRecordSchema? {
            var normalized = name.lowercased().replacingOccurrences(of: "-", with: "_")
            if normalized == "receive" { normalized = ApplicationEventVocabulary.messageKind }
            if let schema = self.vocabulary.events[normalized] { return schema }
            self.reader.report(
                .unknownKind, at: node, "unknown application event '\(name)'",
                expected: "one of: " + kinds.joined(separator: ", "),
                suggestion: NameSuggestion.closest(to: normalized, among: kinds))
            return nil
        }
        if case .scalar = node {
            guard let name = self.reader.string(node, "event"), let schema = schema(name, at: node) else { return nil }
            return RecordPattern(kind: schema.kind)
        }
        guard let entries = self.reader.mapping(node, "event") else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            self.reader.report(.invalidValue, at: node, "an event pattern must have exactly one key (its kind)")
            return nil
        }
        guard let schema = schema(entry.key, at: entry.keyNode) else { return nil }
        return self.recordPattern(entry.value, schema: schema)
    }

    /// `any` (no event at all: an empty list), one event pattern, or a list of them. Captures make no
    /// sense in an event that must not come and are rejected.
    private func absentEventPatterns(_ node: Node) -> [RecordPattern]? {
        if case .scalar(let scalar) = node, ["any", "_", "*"].contains(scalar.string) { return [] }
        let elements: [Node]
        if case .sequence(let sequence) = node {
            elements = Array(sequence)
            if elements.isEmpty {
                self.reader.report(
                    .invalidValue, at: node, "no_event needs at least one event", expected: "an event kind, or any")
                return nil
            }
        } else {
            elements = [node]
        }
        let defined = self.capturedVariables
        defer { self.capturedVariables = defined }
        var patterns: [RecordPattern] = []
        for element in elements {
            guard let pattern = self.eventPattern(element) else { return nil }
            if let name = Self.captures(in: .record(pattern)).first {
                self.reader.report(
                    .invalidPattern, at: element, "no_event cannot capture (-> \(name)): the event must not come",
                    expected: "a pattern without captures")
                return nil
            }
            patterns.append(pattern)
        }
        return patterns
    }

    /// The variables a pattern captures.
    private static func captures(in pattern: FieldPattern) -> [String] {
        switch pattern {
        case .any, .comparison, .range, .bytes, .text, .flag: []
        case .capture(let name, let inner): [name] + Self.captures(in: inner)
        case .list(let list): list.elements.flatMap { Self.captures(in: $0.pattern) }
        case .record(let record):
            (record.capture.map { [$0] } ?? []) + record.fields.flatMap { Self.captures(in: $0.pattern) }
        }
    }

    static func isNullNode(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return Self.isNull(scalar) }
        return false
    }

    // MARK: Socket options

    /// `{rto_initial: 1s, outbound_streams: 10, nodelay: true}`.
    func socketOptions(_ node: Node, _ what: String) -> [SocketOptionSetting] {
        guard let entries = self.reader.mapping(node, what) else { return [] }
        self.reader.checkKeys(entries, in: node, allowed: SocketOptionSetting.names, what)
        var settings: [SocketOptionSetting] = []
        for entry in entries {
            let path = "\(what).\(entry.key)"
            let setting: SocketOptionSetting?
            switch entry.key {
            case "rto_initial": setting = self.milliseconds(entry.value, path).map { .rtoInitial(milliseconds: $0) }
            case "rto_min": setting = self.milliseconds(entry.value, path).map { .rtoMin(milliseconds: $0) }
            case "rto_max": setting = self.milliseconds(entry.value, path).map { .rtoMax(milliseconds: $0) }
            case "cookie_life": setting = self.milliseconds(entry.value, path).map { .cookieLife(milliseconds: $0) }
            case "heartbeat_interval":
                setting = self.milliseconds(entry.value, path).map { .heartbeatInterval(milliseconds: $0) }
            case "delayed_ack": setting = self.milliseconds(entry.value, path).map { .delayedAck(milliseconds: $0) }
            case "outbound_streams": setting = self.count16(entry.value, path).map { .outboundStreams($0) }
            case "max_inbound_streams": setting = self.count16(entry.value, path).map { .maxInboundStreams($0) }
            case "max_init_attempts": setting = self.count16(entry.value, path).map { .maxInitAttempts($0) }
            case "max_retransmissions": setting = self.count16(entry.value, path).map { .maxRetransmissions($0) }
            case "nodelay": setting = self.reader.bool(entry.value, path).map { .noDelay($0) }
            default: setting = nil
            }
            if let setting { settings.append(setting) }
        }
        return settings
    }

    /// A duration (`1s`, `200ms`) or a bare number of milliseconds, as 32-bit milliseconds.
    private func milliseconds(_ node: Node, _ path: String) -> UInt32? {
        guard let duration = self.reader.duration(node, path) else { return nil }
        guard duration.milliseconds <= Int64(UInt32.max) else {
            self.reader.report(.invalidValue, at: node, "\(path) is too long", expected: "at most \(UInt32.max) ms")
            return nil
        }
        return UInt32(duration.milliseconds)
    }

    private func count16(_ node: Node, _ path: String) -> UInt16? {
        self.reader.unsigned(node, path, bits: 16).map { UInt16($0) }
    }
}
