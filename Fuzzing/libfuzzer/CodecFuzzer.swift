import SCTPWire

/// libFuzzer target for the SCTP codec (built by scripts/libfuzzer.sh codec, never by `swift build`):
/// any bytes go through the raw walk, the partial decode and the full decode; whatever decodes fully
/// is encoded again and must decode to the same typed packet. A trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func codecFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let raw = RawPacket(bytes)
    var walked = 0
    for chunk in raw.chunks {
        walked += chunk.value.count + chunk.padding.count
        _ = try? chunk.typed()
    }
    _ = PartiallyDecodedPacket(decoding: bytes)
    guard let packet = try? SCTPPacket(decoding: bytes) else { return 0 }
    let again = packet.encoded()
    guard let decodedAgain = try? SCTPPacket(decoding: again) else {
        fatalError("a decoded packet's encoding does not decode (\(size) bytes in)")
    }
    if decodedAgain.chunks != packet.chunks {
        fatalError("a decoded packet's encoding decodes to other chunks (\(size) bytes in)")
    }
    return walked >= 0 ? 0 : 1
}
