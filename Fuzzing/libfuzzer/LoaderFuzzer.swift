import Scenario

/// libFuzzer target for the YAML scenario loader (built by scripts/libfuzzer.sh loader, never by
/// `swift build`): any bytes, read as UTF-8, are loaded as a scenario file; the loader must answer
/// with a scenario or a typed error, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func loaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let loader = ScenarioLoader()
    do {
        let scenario = try loader.load(yaml: text, file: "fuzz.yaml")
        return scenario.steps.count >= 0 ? 0 : 1
    } catch {
        return error.description.isEmpty ? 1 : 0
    }
}
