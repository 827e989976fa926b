package ocr

import (
	"strings"
	"testing"
)

const sampleTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t800\t300\t-1\t\n" +
	"4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t10\t20\t120\t30\t96.5\tdense_1\n" +
	"5\t1\t1\t1\t1\t2\t150\t20\t100\t30\t41.25\t(Dense)\n" +
	"5\t1\t1\t1\t1\t3\t300\t20\t10\t30\t95\t \n" +
	"5\t1\t1\t1\t2\t1\t10\t60\t80\t30\t88\t163968\r\n"

func TestParseTSV(t *testing.T) {
	ws, err := ParseTSV([]byte(sampleTSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 {
		t.Fatalf("%d words, want 3 (the blank one left out): %+v", len(ws), ws)
	}
	w := ws[1]
	if w.Text != "(Dense)" || w.Left != 150 || w.Top != 20 || w.Width != 100 || w.Height != 30 || w.Conf != 41.25 || w.Line != 1 {
		t.Errorf("second word %+v", w)
	}
	if ws[2].Line != 2 || ws[2].Text != "163968" {
		t.Errorf("third word %+v", ws[2])
	}
}

func TestParseTSVErrors(t *testing.T) {
	for _, in := range []string{
		"5\t1\t1\t1\t1\t1\t10\n",                       // too few fields
		"5\t1\t1\t1\t1\t1\tten\t20\t120\t30\t96\tx\n",  // not a number
		"5\t1\t1\t1\t1\t1\t10\t20\t120\t30\tsure\tx\n", // confidence not a number
	} {
		if _, err := ParseTSV([]byte(in)); err == nil || !strings.Contains(err.Error(), "TSV line 1") {
			t.Errorf("ParseTSV(%q): err = %v, want one naming the line", in, err)
		}
	}
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte(sampleTSV))
	f.Add([]byte("level\n5\t1\t1\t1\t1\t1\t-5\t-5\t0\t0\t-1\tx\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ws, err := ParseTSV(b)
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.Width <= 0 || w.Height <= 0 || w.Conf < 0 || w.Conf > 100 || w.Text == "" {
				t.Fatalf("word %+v", w)
			}
		}
	})
}

// A count read again with digits only is used where its commas part it in thousands: digits of
// the cell and of the size after it ("18,57772,57") are not.
func TestGrouped(t *testing.T) {
	for s, want := range map[string]bool{"18,577": true, "163968": true, "1,049,800": true, "18,57772,57": false, "1,0498": false, "1234,567": false, "0": true} {
		if grouped(s) != want {
			t.Errorf("grouped(%q) != %v", s, want)
		}
	}
}

// A count cell's first reading that is no word gives way to a sure digits-only reading; a word a
// count cell holds does not.
func TestGarbled(t *testing.T) {
	for s, want := range map[string]bool{"Aes:1V2": true, "PeeBAG": true, "(unbuilt)": false, "multiple": false, "Total": false} {
		if garbled(s) != want {
			t.Errorf("garbled(%q) != %v", s, want)
		}
	}
}

// A count cell left empty by the digits-only reading that holds one round glyph is a doubtful 0;
// one that holds more, or another mark, stays.
func TestRoundZero(t *testing.T) {
	for in, want := range map[string]string{"dense  @": "dense  0", "dense  ©": "dense  0", "dense  @@": "dense  @@", "dense  x": "dense  x"} {
		lo := &layout{rows: [][]rune{[]rune(in)}, conf: [][]float64{make([]float64, len(in))}}
		lo.roundZero(cellCrop{Row: 0, C0: 6, C1: 9})
		if got := string(lo.rows[0]); got != want {
			t.Errorf("roundZero(%q) = %q, want %q", in, got, want)
		}
	}
}
