import SCTPWire

/// The harness variables (`$peer_tag`, `$our_next_tsn`, ...) the model supplies to scenarios.
extension AssociationModel {
    /// The harness variables this model knows (see `HarnessVariables`).
    public var variables: [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        self.forEachVariable(changedSince: nil) { name, value in values[name] = value }
        return values
    }

    /// Calls `body` with each variable that has a value here and a different one (or none) in
    /// `previous`; with every variable that has a value when `previous` is nil. Compares the model's
    /// fields directly: no dictionary is built, and unchanged values cost a comparison, not a copy.
    public func forEachVariable(
        changedSince previous: AssociationModel?, _ body: (String, FieldValue) -> Void
    ) {
        let old = previous
        func number<Value: FixedWidthInteger>(_ name: String, _ value: Value, _ before: Value?) {
            if before == value { return }
            body(name, .unsigned(UInt64(value)))
        }
        func number<Value: FixedWidthInteger>(_ name: String, _ value: Value?, _ before: Value??) {
            guard let value else { return }
            if let before, before == value { return }
            body(name, .unsigned(UInt64(value)))
        }
        func bytes(_ name: String, _ value: [UInt8]?, _ before: [UInt8]??) {
            guard let value else { return }
            if let before, before == value { return }
            body(name, .bytes(value))
        }
        number("our_port", self.ourPort, old?.ourPort)
        number("peer_port", self.peerPort, old?.peerPort)
        number("our_tag", self.ourTag, old?.ourTag)
        number("our_tsn", self.ourInitialTSN, old?.ourInitialTSN)
        number("our_next_tsn", self.ourNextTSN, old?.ourNextTSN)
        number("our_os", self.ourOutboundStreams, old?.ourOutboundStreams)
        number("our_mis", self.ourInboundStreams, old?.ourInboundStreams)
        number("our_a_rwnd", self.ourWindow, old?.ourWindow)
        number("peer_tag", self.peerTag, old.map { $0.peerTag })
        number("peer_tsn", self.peerInitialTSN, old.map { $0.peerInitialTSN })
        number("peer_os", self.peerOutboundStreams, old.map { $0.peerOutboundStreams })
        number("peer_mis", self.peerInboundStreams, old.map { $0.peerInboundStreams })
        number("peer_a_rwnd", self.peerWindow, old.map { $0.peerWindow })
        number("peer_cum_tsn", self.peerCumulativeTSN, old.map { $0.peerCumulativeTSN })
        number("peer_last_tsn", self.peerLastTSN, old.map { $0.peerLastTSN })
        number("our_cum_tsn_acked", self.acknowledgedByPeer, old.map { $0.acknowledgedByPeer })
        bytes("cookie", self.cookie, old.map { $0.cookie })
        bytes("our_cookie", self.ourCookie, old.map { $0.ourCookie })
        bytes("heartbeat_info", self.heartbeatInfo, old.map { $0.heartbeatInfo })
        number("last_tag", self.lastSentTag, old.map { $0.lastSentTag })
    }
}
