// Package corpus is kexplain's conformance suite: pasted texts (NAME.txt) with the exact JSON
// kexplain must print for them (NAME.json), the exit status (NAME.exit) and, for bad inputs and inputs that
// read as nothing, a substring of the diagnostics naming line:col (NAME.expect). It holds data and the test that walks
// it; there is no code to import.
package corpus
