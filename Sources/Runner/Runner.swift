/// Runner module (see Package.swift for the module map).
enum RunnerModule {}
