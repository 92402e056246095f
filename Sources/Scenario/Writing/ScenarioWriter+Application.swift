import SCTPWire

/// `app:` values (socket calls, expected and forbidden events) and socket options.
extension ScenarioWriter {
    func applicationStep(_ step: ApplicationStep) -> YAMLText {
        switch step {
        case .perform(let command, _):
            return self.applicationCommand(command)
        case .expectEvent(let pattern):
            if pattern.kind == ApplicationEventVocabulary.messageKind {
                return .single("receive", .mapping(self.eventPatternEntries(pattern)))
            }
            return .single("event", self.eventPattern(pattern))
        case .expectNoEvent(let patterns):
            if patterns.isEmpty { return .single("no_event", .plain("any")) }
            let written = patterns.map { self.eventPattern($0) }
            return .single("no_event", written.count == 1 ? written[0] : .sequence(written))
        }
    }

    /// `listen`, `{abort: "reason"}`, `{send: {stream, ppid, data, unordered}}`, `{set: {options}}`.
    func applicationCommand(_ command: ApplicationCommand) -> YAMLText {
        switch command {
        case .listen, .connect, .shutdown, .close:
            return .plain(command.name)
        case .abort(let reason):
            return reason.isEmpty ? .plain("abort") : .single("abort", self.bytes(reason, hexOnly: false))
        case .send(let stream, let ppid, let payload, let unordered):
            var entries: [(key: String, value: YAMLText)] = []
            if stream != 0 { entries.append(("stream", .plain(String(stream)))) }
            if ppid != 0 { entries.append(("ppid", .plain(String(ppid)))) }
            entries.append(("data", self.bytes(payload, hexOnly: false)))
            if unordered { entries.append(("unordered", .plain("true"))) }
            return .single("send", .mapping(entries))
        case .setOptions(let options):
            return .single("set", self.socketOptions(options))
        }
    }

    /// `comm_up`, or `{comm_up: {fields}}`.
    func eventPattern(_ pattern: RecordPattern) -> YAMLText {
        let entries = self.eventPatternEntries(pattern)
        return entries.isEmpty ? .plain(pattern.kind) : .single(pattern.kind, .mapping(entries))
    }

    private func eventPatternEntries(_ pattern: RecordPattern) -> [(key: String, value: YAMLText)] {
        var entries = self.patternEntries(pattern.fields, schema: self.vocabulary.events[pattern.kind])
        if let capture = pattern.capture { entries.append(("capture", .plain(capture))) }
        return entries
    }

    /// `{rto_initial: 1s, outbound_streams: 10, nodelay: true}`, in the scenario's order.
    func socketOptions(_ options: [SocketOptionSetting]) -> YAMLText {
        .mapping(options.map { self.socketOption($0) })
    }

    func socketOption(_ option: SocketOptionSetting) -> (key: String, value: YAMLText) {
        let milliseconds = { (value: UInt32) in self.duration(.milliseconds(Int64(value))) }
        switch option {
        case .rtoInitial(let value): return ("rto_initial", milliseconds(value))
        case .rtoMin(let value): return ("rto_min", milliseconds(value))
        case .rtoMax(let value): return ("rto_max", milliseconds(value))
        case .cookieLife(let value): return ("cookie_life", milliseconds(value))
        case .heartbeatInterval(let value): return ("heartbeat_interval", milliseconds(value))
        case .delayedAck(let value): return ("delayed_ack", milliseconds(value))
        case .outboundStreams(let count): return ("outbound_streams", .plain(String(count)))
        case .maxInboundStreams(let count): return ("max_inbound_streams", .plain(String(count)))
        case .maxInitAttempts(let count): return ("max_init_attempts", .plain(String(count)))
        case .maxRetransmissions(let count): return ("max_retransmissions", .plain(String(count)))
        case .noDelay(let flag): return ("nodelay", .plain(flag ? "true" : "false"))
        }
    }
}
