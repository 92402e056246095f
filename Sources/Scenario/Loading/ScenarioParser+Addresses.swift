import NetworkLayers
import Yams

/// What `sut:` or `peer:` declares: the role (`sut` only), the SCTP port, the IP addresses and the
/// UDP port when the packets are UDP-encapsulated.
struct ScenarioEndpointEntries {
    var role: Scenario.Role?
    var port: UInt16?
    var addresses: [(address: IPAddress, node: Node)]
    /// `udp: {port: N}` (`udp: {}` is the registered port 9899); nil without `udp:`.
    var udpPort: UInt16?
}

/// `sut: {addresses: [...], udp: {port: 9899}}`, `peer: {addresses: [...], udp: {...}}` and a
/// step's `from:` / `to:`: the IP addresses of the run and how its packets are carried.
extension ScenarioParser {
    /// `udp: {port: 9899}` under `what` (`sut.udp`): the side's UDP port for RFC 6951 encapsulation,
    /// the registered 9899 when `port` is left out; nil (with an error) for anything else.
    func udpPort(_ node: Node, _ what: String) -> UInt16? {
        guard let entries = self.reader.mapping(node, what) else { return nil }
        self.reader.checkKeys(entries, in: node, allowed: ["port"], required: [], what)
        guard let portNode = entries.first(where: { $0.key == "port" })?.value else {
            return UDPEncapsulation.registeredPort
        }
        guard let value = self.reader.unsigned(portNode, "\(what).port", bits: 16) else { return nil }
        guard value != 0 else {
            self.reader.report(.invalidValue, at: portNode, "\(what).port must not be 0", expected: "1...65535")
            return nil
        }
        return UInt16(value)
    }

    /// The run's UDP encapsulation: when either side declares `udp:`, both sides' ports (a side that
    /// declares none has the registered 9899, RFC 6951 §5); nil when neither does.
    static func udpEncapsulation(sut: UInt16?, peer: UInt16?) -> UDPEncapsulation? {
        guard sut != nil || peer != nil else { return nil }
        return UDPEncapsulation(
            sutPort: sut ?? UDPEncapsulation.registeredPort, peerPort: peer ?? UDPEncapsulation.registeredPort)
    }

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
