/// A list of parameters or error causes in place (RFC 9260 §3.2.1, §3.3.10): each a 16-bit type or
/// code, a 16-bit length counting the 4-byte header and the value, the value, and zero padding to
/// a multiple of 4. Walked without trapping; the walk stops at an element whose length lies (less
/// than 4, or past the list's end), which it still yields so that rules can report it.
///
/// `ChunkRegistry` says where each chunk type's list starts (`TLVListLayout`);
/// `TLVListView(chunk:)` finds it.
public struct TLVListView<Bytes: RawBytes>: Sequence {
    public var bytes: Bytes
    /// Where the first element starts.
    public let start: Int
    /// Where the list ends (the chunk's declared length, clamped to the bytes).
    public let end: Int

    /// The list in `bytes[start..<end]` (clamped to the bytes).
    @inlinable
    public init(_ bytes: Bytes, from start: Int, to end: Int) {
        self.bytes = bytes
        self.start = Swift.max(0, start)
        self.end = Swift.max(self.start, Swift.min(end, bytes.count))
    }

    /// One element as its header says, lies included.
    public struct Element: Hashable, Sendable {
        /// Where its header starts.
        public let offset: Int
        /// The type (parameter) or code (error cause); nil when the header is not all there.
        public let type: UInt16?
        /// The length field as written; nil when the header is not all there.
        public let declaredLength: UInt16?
        /// Where the list ends.
        @usableFromInline let listEnd: Int

        @inlinable
        init(offset: Int, type: UInt16?, declaredLength: UInt16?, listEnd: Int) {
            self.offset = offset
            self.type = type
            self.declaredLength = declaredLength
            self.listEnd = listEnd
        }

        /// Whether the length can describe this element: at least the header, and within the list.
        @inlinable
        public var isLengthSane: Bool {
            guard let length = self.declaredLength else { return false }
            return length >= 4 && self.offset + Int(length) <= self.listEnd
        }

        /// The value's range (after the header, to the declared length, clamped to the list).
        @inlinable
        public var valueRange: Range<Int> {
            let valueStart = Swift.min(self.offset + 4, self.listEnd)
            let valueEnd = Swift.min(Swift.max(valueStart, self.offset + Int(self.declaredLength ?? 0)), self.listEnd)
            return valueStart..<valueEnd
        }

        /// The padding bytes that follow inside the list: up to 3, fewer at the list's end (where the
        /// last element's padding is the chunk's, RFC 9260 §3.2). Empty for a lying length.
        @inlinable
        public var paddingRange: Range<Int> {
            guard self.isLengthSane, let length = self.declaredLength else {
                return self.valueRange.upperBound..<self.valueRange.upperBound
            }
            let paddingStart = self.offset + Int(length)
            return paddingStart..<Swift.min(paddingStart + (4 - Int(length) & 3) & 3, self.listEnd)
        }

        /// Where the next element starts (the list's end after a lying length).
        @inlinable
        public var nextOffset: Int {
            self.isLengthSane ? self.paddingRange.upperBound : self.listEnd
        }
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let list: TLVListView
        @usableFromInline var offset: Int
        @usableFromInline var stopped = false

        @inlinable
        init(list: TLVListView, offset: Int) {
            self.list = list
            self.offset = offset
        }

        @inlinable
        public mutating func next() -> Element? {
            guard !self.stopped, self.offset < self.list.end else { return nil }
            let element = self.list.element(at: self.offset)
            if element.isLengthSane {
                self.offset = element.nextOffset
            } else {
                self.stopped = true
            }
            return element
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(list: self, offset: self.start)
    }

    /// The element whose header starts at `offset` (within the list).
    @inlinable
    public func element(at offset: Int) -> Element {
        let headerFits = offset >= self.start && offset + 4 <= self.end
        return Element(
            offset: offset, type: headerFits ? self.bytes.bigEndianUInt16(at: offset) : nil,
            declaredLength: headerFits ? self.bytes.bigEndianUInt16(at: offset + 2) : nil, listEnd: self.end)
    }

    /// Whether every padding byte between the elements is zero, with the first offender (its
    /// 1-based position, the element and its padding range) when not.
    @inlinable
    public func firstNonZeroPadding() -> (position: Int, element: Element)? {
        var position = 0
        for element in self {
            position += 1
            guard element.isLengthSane else { return nil }
            for index in element.paddingRange where self.bytes.byte(at: index) != 0 {
                return (position, element)
            }
        }
        return nil
    }
}

extension TLVListView where Bytes: MutableRawBytes {
    /// Writes the type (or code) of the element at `offset` (nothing past the end).
    @inlinable
    public mutating func setType(_ type: UInt16, ofElementAt offset: Int) {
        self.bytes.setBigEndianUInt16(type, at: offset)
    }

    /// Writes the length field of the element at `offset`, any value, lies included.
    @inlinable
    public mutating func setDeclaredLength(_ length: UInt16, ofElementAt offset: Int) {
        self.bytes.setBigEndianUInt16(length, at: offset + 2)
    }
}

extension TLVListView {
    /// The top-level parameters or error causes of the chunk whose header starts at `offset` of
    /// `bytes`, where the chunk registry says they start; nil for a chunk type that carries none.
    @inlinable
    public init?(chunkIn bytes: Bytes, at offset: Int) {
        guard let type = bytes.byte(at: offset), let listOffset = ChunkRegistry.tlvListOffset(ChunkType(type)),
            let length = bytes.bigEndianUInt16(at: offset + 2)
        else { return nil }
        let start = offset + listOffset
        self.init(bytes, from: start, to: Swift.max(start, offset + Int(length)))
    }
}
