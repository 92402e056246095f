/// Variables the runner keeps up to date from the association it tracks (both directions), so a
/// scenario can write `$peer_tag` or `$our_tsn + 1` without capturing them first.
///
/// "our" is the harness, "peer" is the SUT. A variable has no value until a packet teaches it
/// (using `$peer_tag` before any INIT or INIT ACK from the SUT is an ERROR at run time).
public enum HarnessVariables {
    /// One harness variable and what it holds.
    public struct Variable: Hashable, Sendable {
        public var name: String
        public var summary: String
    }

    public static let all: [Variable] = [
        Variable(name: "our_port", summary: "The harness's SCTP port"),
        Variable(name: "peer_port", summary: "The SUT's SCTP port"),
        Variable(name: "our_tag", summary: "Initiate tag of the harness's last INIT or INIT ACK"),
        Variable(name: "our_tsn", summary: "Initial TSN of the harness's last INIT or INIT ACK"),
        Variable(name: "our_next_tsn", summary: "TSN of the next DATA chunk the harness sends"),
        Variable(name: "our_os", summary: "Outbound streams in the harness's INIT or INIT ACK"),
        Variable(name: "our_mis", summary: "Inbound streams (MIS) in the harness's INIT or INIT ACK"),
        Variable(name: "our_a_rwnd", summary: "a_rwnd in the harness's INIT or INIT ACK"),
        Variable(name: "peer_tag", summary: "Initiate tag of the SUT's last INIT or INIT ACK"),
        Variable(name: "peer_tsn", summary: "Initial TSN of the SUT's last INIT or INIT ACK"),
        Variable(name: "peer_os", summary: "Outbound streams in the SUT's INIT or INIT ACK"),
        Variable(name: "peer_mis", summary: "Inbound streams (MIS) in the SUT's INIT or INIT ACK"),
        Variable(name: "peer_a_rwnd", summary: "a_rwnd in the SUT's INIT or INIT ACK"),
        Variable(name: "peer_cum_tsn", summary: "Highest TSN received from the SUT in sequence (what a SACK acks)"),
        Variable(name: "peer_last_tsn", summary: "TSN of the last DATA chunk received from the SUT"),
        Variable(name: "our_cum_tsn_acked", summary: "Cumulative TSN ack of the SUT's last SACK or SHUTDOWN"),
        Variable(name: "cookie", summary: "State cookie of the last INIT ACK received from the SUT"),
        Variable(name: "our_cookie", summary: "State cookie of the last INIT ACK the harness sent"),
        Variable(name: "heartbeat_info", summary: "Heartbeat Info of the last HEARTBEAT received from the SUT"),
        Variable(name: "last_tag", summary: "Verification tag of the last packet the harness sent"),
    ]

    /// The names, for lookups and suggestions.
    public static let names: Set<String> = Set(Self.all.map(\.name))
}
