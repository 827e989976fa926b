package grammar

import (
	"testing"

	"github.com/alecthomas/participle/v2"
)

// BenchmarkPythonGrammarBuild is the cold start of code reading: building the participle grammar
// of the Python subset, which every run whose paste holds code pays once.
func BenchmarkPythonGrammarBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		participle.MustBuild[pyLineAST](participle.Lexer(pyDefinition{}), participle.UseLookahead(pyLookahead))
	}
}

// BenchmarkTableGrammarBuild is the same for the table grammar, which every run with a table pays.
func BenchmarkTableGrammarBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		participle.MustBuild[tableNode](participle.Lexer(lineDefinition{}), participle.UseLookahead(1))
	}
}
