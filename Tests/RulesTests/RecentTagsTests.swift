@testable import Rules
import Testing

/// The last four distinct tags an endpoint received (a T-bit reflection may use any of them).
@Suite struct RecentTagsTests {
    @Test func keepsTheLastFourDistinctTagsNewestLast() {
        var tags = RecentTags()
        #expect(tags.last == nil && tags.count == 0 && !tags.contains(0))
        tags.note(1)
        tags.note(1)
        #expect(tags.count == 1 && tags.last == 1)
        for tag: UInt32 in [2, 3, 4] { tags.note(tag) }
        #expect(tags.count == 4 && (1...4).allSatisfy { tags.contains($0) })
        tags.note(5)
        #expect(tags.count == 4 && tags.last == 5)
        #expect(!tags.contains(1) && [2, 3, 4, 5].allSatisfy { tags.contains($0) })
        // Only a repeat of the newest is skipped; an older one comes back as the newest.
        tags.note(3)
        #expect(tags.last == 3 && !tags.contains(2) && [4, 5, 3].allSatisfy { tags.contains($0) })
    }
}
