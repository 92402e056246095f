/// Reports module (see Package.swift for the module map).
enum ReportsModule {}
