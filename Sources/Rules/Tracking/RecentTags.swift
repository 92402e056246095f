/// The last four distinct verification tags an endpoint received, newest last, held inline (a
/// reflected tag, RFC 9260 §8.5.1, is one of these). Every packet updates it, so it lives in the
/// side's own storage rather than in an array of its own.
struct RecentTags: Sendable {
    private var tags: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    private(set) var count = 0

    var last: UInt32? {
        self.count == 0 ? nil : self[self.count - 1]
    }

    private subscript(index: Int) -> UInt32 {
        switch index {
        case 0: self.tags.0
        case 1: self.tags.1
        case 2: self.tags.2
        default: self.tags.3
        }
    }

    func contains(_ tag: UInt32) -> Bool {
        (0..<self.count).contains { self[$0] == tag }
    }

    /// Notes `tag`, unless it is already the newest; the oldest of four goes.
    mutating func note(_ tag: UInt32) {
        if self.last == tag { return }
        if self.count == 4 {
            self.tags = (self.tags.1, self.tags.2, self.tags.3, tag)
            return
        }
        switch self.count {
        case 0: self.tags.0 = tag
        case 1: self.tags.1 = tag
        case 2: self.tags.2 = tag
        default: self.tags.3 = tag
        }
        self.count += 1
    }
}
