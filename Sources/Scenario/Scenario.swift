/// Scenario module (see Package.swift for the module map).
enum ScenarioModule {}
