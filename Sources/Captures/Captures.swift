/// Captures module (see Package.swift for the module map).
enum CapturesModule {}
