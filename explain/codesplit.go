package explain

import (
	"fmt"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// splitNote compares the trainable split a table prints with the one its code gives, once the
// two agree on every row and on the total. They can differ with both right: a notebook runs the
// freeze after the print, and Keras 2 counts the trainable weights it collected at compile(), so
// a freeze after compile() does not show. The difference is a note, never an alarm.
func (p *pairing) splitNote() (Flag, bool) {
	tt := p.sum.Table.Totals
	m := p.model
	if !p.codeWhole || !p.tableWhole || !p.anchoredAll() || p.trainableRows() ||
		tt.Total == nil || tt.Trainable == nil || tt.NonTrainable == nil {
		return Flag{}, false
	}
	if *tt.Total != m.Trainable+m.NonTrain || *tt.Trainable == m.Trainable {
		return Flag{}, false
	}
	var frozen []string
	for _, r := range m.Rows {
		if r.Depth == 0 && r.Trainable == "N" && r.Err == "" {
			frozen = append(frozen, r.Name)
		}
	}
	line := tt.TrainLine
	if line == 0 {
		line = tt.Line
	}
	what := "the code freezes no layer"
	if len(frozen) > 0 {
		what = "the code freezes " + strings.Join(frozen, ", ")
	}
	why := "the table was printed at another point of the code (a notebook runs cells in any order)"
	if p.sum.Table.Format != grammar.Keras3 && len(frozen) > 0 {
		why += ", or after compile(): Keras 2 counts the trainable weights collected when the model was compiled"
	}
	msg := fmt.Sprintf("%s, so its summary() prints Trainable params: %s and Non-trainable params: %s; this table prints %s and %s: %s",
		what, layers.Num(m.Trainable), layers.Num(m.NonTrain), layers.Num(*tt.Trainable), layers.Num(*tt.NonTrainable), why)
	return Flag{Kind: KindCode, Severity: Note, Line: line, Message: msg}, true
}
