import NetworkLayers
import Yams

/// `sut: {addresses: [...]}`, `peer: {addresses: [...]}` and a step's `from:` / `to:`: the IP
/// addresses of the run.
extension ScenarioParser {
    /// A list (or one) of IPv4 or IPv6 literals under `what` (`sut.addresses`); reports text that is
    /// not an address, repeats and an empty list.
    func addresses(_ node: Node, _ what: String) -> [(address: IPAddress, node: Node)] {
        let elements = self.reader.listOrSingle(node)
        if elements.isEmpty {
            self.reader.report(
                .invalidValue, at: node, "\(what) must not be empty", expected: "at least one IP address")
        }
        var result: [(address: IPAddress, node: Node)] = []
        for element in elements {
            guard let address = self.address(element, what) else { continue }
            if result.contains(where: { $0.address == address }) {
                self.reader.report(
                    .invalidValue, at: element, "\(what) lists \(address) twice", expected: "distinct addresses")
                continue
            }
            result.append((address, element))
        }
        return result
    }

    /// One IPv4 or IPv6 literal (`198.18.0.1`, `2001:db8::1`).
    func address(_ node: Node, _ what: String) -> IPAddress? {
        guard let text = self.reader.string(node, what) else { return nil }
        guard let address = IPAddress(text) else {
            self.reader.report(
                .invalidValue, at: node, "'\(text)' is not an IP address",
                expected: "an IPv4 or IPv6 literal such as 198.18.0.1 or 2001:db8::1")
            return nil
        }
        return address
    }

    /// Reports every address of `peer` whose family differs from the SUT's first address: one run
    /// speaks one IP version.
    func checkOneFamily(sut: [(address: IPAddress, node: Node)], peer: [(address: IPAddress, node: Node)]) {
        guard let first = sut.first?.address ?? peer.first?.address else { return }
        for (address, node) in sut + peer where address.version != first.version {
            self.reader.report(
                .invalidValue, at: node,
                "\(address) is IPv\(address.version), the run's first address \(first) is IPv\(first.version)",
                expected: "addresses of one family (all IPv4 or all IPv6) for sut and peer")
        }
    }

    /// A step's `from:` or `to:`: one address that must be among `allowed` (the harness's or the
    /// SUT's addresses, `whose`), with the closest one suggested.
    func stepAddress(_ node: Node, key: String, allowed: [IPAddress], whose: String) -> IPAddress? {
        guard let address = self.address(node, key) else { return nil }
        guard allowed.contains(address) else {
            let names = allowed.map(\.description)
            self.reader.report(
                .invalidValue, at: node, "\(key): \(address) is not one of the \(whose) addresses",
                expected: "one of: " + names.joined(separator: ", "),
                suggestion: NameSuggestion.closest(to: address.description, among: names))
            return nil
        }
        return address
    }
}
