/// Typed access to the chunk an Unrecognized Chunk Type cause (RFC 9260 §3.3.10.6) carries.
extension UnrecognizedChunkTypeCause {
    /// The cause reporting `chunk`: its bytes up to its length field, without padding (the cause
    /// length counts the chunk as it appeared; the cause itself is padded as any TLV).
    public init(reporting chunk: Chunk) {
        let encoded = chunk.encoded
        let length = Int(encoded[2]) << 8 | Int(encoded[3])
        self.init(chunkBytes: Array(encoded.prefix(length)))
    }

    /// A tolerant view of the reported chunk (which may be truncated or malformed).
    public var rawChunk: RawChunk {
        RawChunk(bytes: self.chunkBytes, offset: 0)
    }

    /// The reported chunk decoded (errors carry offsets into `chunkBytes`).
    public func decodedChunk() throws(WireDecodingError) -> Chunk {
        try Chunk(raw: self.rawChunk)
    }
}
