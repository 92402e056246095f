extension PacketView {
    /// Whether the checksum field holds the CRC32c (a pattern match, cheaper than comparing the
    /// status, which the rules ask of every packet).
    var hasCorrectChecksum: Bool {
        if case .correct? = self.checksum { return true }
        return false
    }
}
