package grammar

import (
	"testing"

	"github.com/alecthomas/participle/v2"
)

func BenchmarkZZBuildPy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		participle.MustBuild[pyLineAST](participle.Lexer(pyDefinition{}), participle.UseLookahead(pyLookahead))
	}
}
func BenchmarkZZBuildTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		participle.MustBuild[tableNode](participle.Lexer(lineDefinition{}), participle.UseLookahead(1))
	}
}
