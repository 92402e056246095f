/// Rules module (see Package.swift for the module map).
enum RulesModule {}
