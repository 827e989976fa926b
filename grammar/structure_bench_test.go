package grammar

import (
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// structureKinds is the line-kind stream of a Keras 3 box table of n rows, every third with a
// continuation line, rows parted by box separators.
func structureKinds(n int) []lexer.TokenType {
	kinds := []lexer.TokenType{tTitle, tBoxTop, tBoxHead, tBoxHeadSep}
	for i := 0; i < n; i++ {
		kinds = append(kinds, tBoxRow)
		if i%3 == 0 {
			kinds = append(kinds, tBoxCont)
		}
		if i < n-1 {
			kinds = append(kinds, tBoxSep)
		}
	}
	return append(kinds, tBoxBottom, tTotals, tTotals, tTotals)
}

// BenchmarkStructure is participle's table grammar alone over the lines of a 10,000-row box
// table: allocations and time per line.
func BenchmarkStructure(b *testing.B) {
	kinds := structureKinds(10000)
	if _, err := parseStructure(kinds); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		parseStructure(kinds)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(kinds)), "ns/line")
}
