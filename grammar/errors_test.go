package grammar_test

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// errorCases pairs bad inputs with the exact "line:col: message" prefix they must produce, as an
// error of the document or a problem of its table. known marks cases whose position is known to
// be wrong today: they skip with that reason until the grammar is fixed.
var errorCases = []struct {
	name, src, want, known string
}{
	{"header-no-rows", k2Head, "3:1: a summary header with no rows under it", ""},
	{"cut-mid-row", k2Head + "dense (Dense)                (None, 6\n", "5:1: this row is cut off: no count can be read", ""},
	{"unclosed-code", "from keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(64, input_shape=(10,))\n", "3:10: this ( is never closed", ""},
	{"count-40-digits", k2Head + "dense (Dense)                (None, 64)                " + strings.Repeat("9", 40) + "\n", "5:56: cannot read the count", ""},
	{"unbalanced-shape", k2Head + "dense (Dense)                ((None, 64)               4,160\n", "5:30: the brackets of the shape", ""},
	{"total-40-digits", k2Head + "dense (Dense)                (None, 64)                4160      \n" + strings.Repeat("=", 65) + "\nTotal params: " + strings.Repeat("9", 40) + "\n", "7:15: ", ""},
}

const k2Head = "Model: \"sequential\"\n" +
	"_________________________________________________________________\n" +
	"Layer (type)                 Output Shape              Param #   \n" +
	"=================================================================\n"

func TestErrorPositions(t *testing.T) {
	for _, c := range errorCases {
		t.Run(c.name, func(t *testing.T) {
			doc := grammar.Parse(c.src)
			var got []string
			for _, e := range doc.Errors {
				got = append(got, e.Error())
			}
			for _, e := range doc.Notes {
				got = append(got, e.Error())
			}
			for _, e := range doc.Empty {
				got = append(got, e.Error())
			}
			for _, tb := range doc.Tables {
				for _, e := range tb.Problems {
					got = append(got, e.Error())
				}
			}
			for _, g := range got {
				if strings.HasPrefix(g, c.want) {
					return
				}
			}
			if c.known != "" {
				t.Skipf("known bug: %s; got %q", c.known, got)
			}
			t.Errorf("no error starts with %q; got %q", c.want, got)
		})
	}
}
