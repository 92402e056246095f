/// NetworkLayers module (see Package.swift for the module map).
enum NetworkLayersModule {}
