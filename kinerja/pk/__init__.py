"""The Perjanjian Kinerja: versions, lines with TW targets, budget lines, builder, document."""
