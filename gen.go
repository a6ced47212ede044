package main

// Regenerates docs/cli, docs/man and completions/ from the command tree;
// cmd's TestGeneratedFilesUpToDate fails when they are stale.
//go:generate go run . docs docs --completions completions
