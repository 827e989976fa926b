// Package corpus is kexplain's conformance suite: pasted texts (NAME.txt) with the exact JSON
// kexplain must print for them (NAME.json), the exit status (NAME.exit) and, for bad inputs and inputs that
// read as nothing, a substring of the diagnostics naming line:col (NAME.expect). The code snippets of corpus/code
// also carry their rows worked out by hand (NAME.rows, code_test.go). It holds data and the tests that walk it; there
// is no code to import.
package corpus
