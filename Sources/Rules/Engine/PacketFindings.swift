/// What the rules that judge a packet by itself found: header, framing, padding, layout and
/// checksum (`PacketFormatRules`, RFC 9260 §3, §3.2, §6.8), bundling (`BundlingRules`, §6.10) and
/// reserved flags (`ChunkFieldRules`, §3.2). They need nothing of the association, so an offline
/// check runs them on the thread that decodes; the engine adds the association when it reports
/// them, at the place in the packet's findings where they always come.
struct PacketFindings: Sendable {
    struct Item: Sendable {
        let rule: RuleDescriptor
        let message: String
    }

    private(set) var items: [Item] = []

    init() {}

    /// Runs every such rule on `view`.
    init(judging view: PacketView) {
        PacketFormatRules.judge(view, into: &self)
        BundlingRules.judge(view, into: &self)
        ChunkFieldRules.judge(view, into: &self)
    }

    mutating func report(_ rule: RuleDescriptor, _ message: String) {
        self.items.append(Item(rule: rule, message: message))
    }
}
