/// The property-based fuzzer's module: it will mutate chunks through the codec's raw view in any
/// association state, judge the SUT with the rule checker, shrink what it finds to a scenario file,
/// and keep its corpus in `Corpus/`. Nothing is built here yet; it arrives with the fuzzer's issue
/// and depends on `SCTPWire`, `Scenario` and `Runner` (see Package.swift).
enum FuzzModule {}
