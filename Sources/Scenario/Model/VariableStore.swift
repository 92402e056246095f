import SCTPWire

/// The variables of one scenario run: captures (`-> peer_tag`, `{capture: cookie}`) and the values the
/// harness keeps from the association (`our_tag`, `peer_tag`, `our_next_tsn`, ...).
///
/// Captures and harness values share one namespace: a capture into `peer_tag` holds until the
/// harness learns a new peer tag from a packet, which then overwrites it.
public struct VariableStore: Hashable, Sendable {
    private var values: [String: FieldValue]

    public init(_ values: [String: FieldValue] = [:]) {
        self.values = values
    }

    /// An empty store with room for `capacity` variables (a run's harness variables and captures
    /// then fit without regrowing).
    public init(minimumCapacity capacity: Int) {
        self.values = Dictionary(minimumCapacity: capacity)
    }

    public subscript(name: String) -> FieldValue? {
        get { self.values[name] }
        set { self.values[name] = newValue }
    }

    /// Every variable with a value, sorted by name (reports print them in this order).
    public var sorted: [(name: String, value: FieldValue)] {
        self.values.keys.sorted().compactMap { name in self.values[name].map { (name, $0) } }
    }
}
