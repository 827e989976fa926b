package explain_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The cause, not the symptom: a shape that cannot be right is one finding, at the row that
// printed it; the rows below it are judged on what the layer really gives, and say so.
func TestCauseNotSymptom(t *testing.T) {
	for _, c := range []struct {
		file    string
		alarmed []string // the rows with a finding
		row     string   // the row below that says the cause
		status  layers.Status
		says    string // in its cause
	}{
		// the Flatten width typed by hand: the Dense count is right for the real width
		{"flatten-hand-edited", []string{"flatten_1"}, "dense_1", layers.OK, "163968 is right for the 1280 values flatten_1 really gives; the 1344 printed for flatten_1 is what is wrong"},
		// the Dense count worked out from the typed width: it follows it, and would be 163968
		{"flatten-and-dense-hand-computed", []string{"flatten_1"}, "dense_1", layers.OK, "on the 1280 values flatten_1 really gives it would be 1280 inputs × 128 units + 128 biases = 163968"},
		// the typed width carried down by a Dropout
		{"dropout-after-flatten-hand-edited", []string{"flatten"}, "dense", layers.OK, "the 5412 printed for flatten and carried down by dropout is what is wrong"},
		// a pooling that changed the channels: the Flatten below it is right for the real ones
		{"pooling-changes-channels", []string{"max_pooling1d_1"}, "flatten_1", layers.OK, "(None, 1280) is right for the (None, 20, 64) that max_pooling1d_1 really gives"},
	} {
		src, err := os.ReadFile("../corpus/flagged/" + c.file + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		res := explain.Explain(grammar.Parse(string(src)))
		if len(res.Summaries) != 1 {
			t.Fatalf("%s: %d tables", c.file, len(res.Summaries))
		}
		s := res.Summaries[0]
		var alarmed []string
		for _, f := range s.Flags {
			if f.Kind == explain.KindRow && f.Alarm() {
				alarmed = append(alarmed, f.Layer)
			}
		}
		if strings.Join(alarmed, " ") != strings.Join(c.alarmed, " ") {
			t.Errorf("%s: findings on %v, want %v (the cause once)", c.file, alarmed, c.alarmed)
		}
		if !res.Alarms() {
			t.Errorf("%s: the table as printed is inconsistent, but nothing is flagged", c.file)
		}
		found := false
		for _, rr := range s.Rows {
			if rr.Row.Name != c.row {
				continue
			}
			found = true
			if rr.Status != c.status {
				t.Errorf("%s: %s is %s, want %s", c.file, c.row, rr.Status, c.status)
			}
			if got := rr.Cause.Format(layers.SepNone); !strings.Contains(got, c.says) {
				t.Errorf("%s: %s says %q, want it to say %q", c.file, c.row, got, c.says)
			}
			if err := rr.Cause.Check(); err != nil {
				t.Errorf("%s: %s: %v", c.file, c.row, err)
			}
		}
		if !found {
			t.Errorf("%s: no row %s", c.file, c.row)
		}
	}
}
