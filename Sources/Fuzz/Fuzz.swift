/// Fuzz module (see Package.swift for the module map).
enum FuzzModule {}
