/// Placeholder.
enum TargetsModule {}
