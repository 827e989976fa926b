package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderEras: every --keras value prints its era's layout for the seed model.
func TestRenderEras(t *testing.T) {
	for _, c := range []struct {
		args  []string
		first string // the first line
		row   string // the max_pooling1d row's first line, trailing spaces removed
		total string
	}{
		{[]string{"--keras", "1"}, strings.Repeat("_", 100), "maxpooling1d_1 (MaxPooling1D)    (None, 20, 64)        0           convolution1d_1[0][0]", "Total params: 164,869"},
		{[]string{"--keras", "1.0.3"}, strings.Repeat("_", 100), "maxpooling1d_1 (MaxPooling1D)      (None, 20, 64)      0           convolution1d_1[0][0]", "Total params: 164869"},
		{[]string{"--keras", "2"}, `Model: "sequential_1"`, "max_pooling1d_1 (MaxPooling1 (None, 20, 64)            0", "Total params: 164,869"},
		{[]string{"--keras", "2.6"}, `Model: "sequential"`, "max_pooling1d (MaxPooling1D) (None, 20, 64)            0", "Total params: 164,869"},
		{[]string{"--keras", "2.7"}, `Model: "sequential"`, " max_pooling1d (MaxPooling1D  (None, 20, 64)           0", "Total params: 164,869"},
		{[]string{"--keras", "2.15"}, `Model: "sequential"`, " max_pooling1d (MaxPooling1  (None, 20, 64)            0", "Total params: 164869 (644.02 KB)"},
		{[]string{"--tfjs"}, strings.Repeat("_", 90), "max_pooling1d_MaxPooling1D1 [[null,41,64]]            [null,20,64]              0", "Total params: 164869"},
	} {
		var out, errb bytes.Buffer
		if rc := runRender(append(c.args, "-"), strings.NewReader(seedCode), &out, &errb); rc != 0 {
			t.Errorf("%v: exit %d: %s", c.args, rc, errb.String())
			continue
		}
		lines := strings.Split(out.String(), "\n")
		if lines[0] != c.first {
			t.Errorf("%v: first line %q, want %q", c.args, lines[0], c.first)
		}
		var row, total bool
		for _, l := range lines {
			row = row || strings.TrimRight(l, " ") == c.row
			total = total || l == c.total
		}
		if !row || !total {
			t.Errorf("%v: no line %q or %q in\n%s", c.args, c.row, c.total, out.String())
		}
	}
	var out, errb bytes.Buffer
	if rc := runRender([]string{"--keras", "1.3", "-"}, strings.NewReader(seedCode), &out, &errb); rc != exitUnread {
		t.Errorf("--keras 1.3: exit %d", rc)
	}
}
