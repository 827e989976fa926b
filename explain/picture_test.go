package explain_test

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The seed's Keras 1 table with the count the thread's answer gave for dense_1 (line 10).
const wrongCount = `____________________________________________________________________________________________________
Layer (type)                     Output Shape          Param #     Connected to
====================================================================================================
convolution1d_1 (Convolution1D)  (None, 41, 64)        256         convolution1d_input_1[0][0]
____________________________________________________________________________________________________
maxpooling1d_1 (MaxPooling1D)    (None, 20, 64)        0           convolution1d_1[0][0]
____________________________________________________________________________________________________
flatten_1 (Flatten)              (None, 1280)          0           maxpooling1d_1[0][0]
____________________________________________________________________________________________________
dense_1 (Dense)                  (None, 128)           172160      flatten_1[0][0]
____________________________________________________________________________________________________
dropout_1 (Dropout)              (None, 128)           0           dense_1[0][0]
____________________________________________________________________________________________________
dense_2 (Dense)                  (None, 5)             645         dropout_1[0][0]
====================================================================================================
Total params: 164,869
Trainable params: 164,869
Non-trainable params: 0
`

func explainPicture(t *testing.T, doubts ...grammar.Doubt) *explain.Summary {
	t.Helper()
	return explainText(t, wrongCount, doubts...)
}

func rowNamed(t *testing.T, s *explain.Summary, name string) *explain.RowResult {
	t.Helper()
	for _, rr := range s.Rows {
		if rr.Row.Name == name {
			return rr
		}
	}
	t.Fatalf("no row %s", name)
	return nil
}

func alarms(s *explain.Summary) []string {
	var out []string
	for _, f := range s.Flags {
		if f.Alarm() {
			out = append(out, f.Message)
		}
	}
	return out
}

// A count read from a picture with confidence that no layer can have is a mismatch, as in text.
func TestPictureConfidentCountStands(t *testing.T) {
	s := explainPicture(t)
	if st := rowNamed(t, s, "dense_1").Status; st != layers.Mismatch {
		t.Errorf("dense_1: %s, want mismatch", st)
	}
	if len(alarms(s)) == 0 {
		t.Error("no alarm for a confidently read wrong count")
	}
}

// A count OCR was unsure of is never a mismatch: unknown, with the reason and the arithmetic.
func TestPictureDoubtfulCountIsUnknown(t *testing.T) {
	s := explainPicture(t, grammar.Doubt{Line: 10, Col: 56, End: 62, Text: "172160"})
	rr := rowNamed(t, s, "dense_1")
	if rr.Status != layers.Unknown {
		t.Fatalf("dense_1: %s, want unknown", rr.Status)
	}
	d := rr.Derivation.String()
	// the count the arithmetic gives, written as the table writes its counts (no separators here)
	if !strings.Contains(d, `"172160"`) || !strings.Contains(strings.ReplaceAll(d, ",", ""), "163968") {
		t.Errorf("the reason does not name what was read and what the arithmetic gives: %q", d)
	}
	// every configuration near the count as read is named, none picked as the answer: without
	// its bias the Dense has 163,840
	if !strings.Contains(strings.ReplaceAll(d, ",", ""), "163840") {
		t.Errorf("the reason names one configuration only: %q", d)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms over a doubtful count: %q", a)
	}
}

// A doubtful shape of the row that feeds it makes the count doubtful too.
func TestPictureDoubtfulInputShape(t *testing.T) {
	s := explainPicture(t, grammar.Doubt{Line: 8, Col: 34, End: 46, Text: "(None, 1280)"})
	if st := rowNamed(t, s, "dense_1").Status; st != layers.Unknown {
		t.Errorf("dense_1 fed by a doubtful shape: %s, want unknown", st)
	}
}

// A name read with low confidence does not change the arithmetic: the mismatch stands.
func TestPictureDoubtfulNameIsNoExcuse(t *testing.T) {
	s := explainPicture(t, grammar.Doubt{Line: 10, Col: 1, End: 8, Text: "dense_1"})
	if st := rowNamed(t, s, "dense_1").Status; st != layers.Mismatch {
		t.Errorf("dense_1 with a doubtful name only: %s, want mismatch", st)
	}
}

// Without a picture, nothing changes.
func TestPictureNoneIsText(t *testing.T) {
	res := explain.Explain(grammar.Parse(wrongCount))
	s := res.Summaries[0]
	if st := rowNamed(t, s, "dense_1").Status; st != layers.Mismatch {
		t.Errorf("dense_1 in text: %s, want mismatch", st)
	}
	for _, f := range s.Flags {
		if strings.Contains(f.Message, "picture") {
			t.Errorf("a finding about a picture for text: %q", f.Message)
		}
	}
}

// A conv2d whose input the print does not show: its kernel and channels are open, so only the
// difference from Total params can say which count it has.
const hiddenKernel = `Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #
=================================================================
 conv2d (Conv2D)             (None, 26, 26, 32)        820

 flatten (Flatten)           (None, 21632)             0

 dense (Dense)               (None, 10)                216330

=================================================================
Total params: 216,650
Trainable params: 216,650
Non-trainable params: 0
_________________________________________________________________
`

func explainText(t *testing.T, text string, doubts ...grammar.Doubt) *explain.Summary {
	t.Helper()
	doc := grammar.Parse(text)
	doc.Picture = &grammar.Picture{Doubts: doubts}
	res := explain.Explain(doc)
	if len(res.Summaries) != 1 {
		t.Fatalf("%d tables", len(res.Summaries))
	}
	return res.Summaries[0]
}

// doubtOn is a doubt on the first s of line n (1-based) of text.
func doubtOn(text string, n int, s string) grammar.Doubt {
	line := strings.Split(text, "\n")[n-1]
	col := strings.Index(line, s) + 1
	return grammar.Doubt{Line: n, Col: col, End: col + len(s), Text: s}
}

// A doubtful count one character from the count that both a configuration of its layer and Total
// params give is read as that count, and says so.
func TestPictureRepairByTotal(t *testing.T) {
	s := explainText(t, hiddenKernel, doubtOn(hiddenKernel, 5, "820"))
	rr := rowNamed(t, s, "conv2d")
	if rr.Status != layers.OK || rr.Row.Params == nil || *rr.Row.Params != 320 {
		t.Fatalf("conv2d: %s %v, want ok 320", rr.Status, rr.Row.Params)
	}
	found := false
	for _, f := range s.Flags {
		if strings.Contains(f.Message, "read 820, the arithmetic gives 320") {
			found = true
		}
	}
	if !found {
		t.Errorf("no note of the repair: %+v", s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
}

// A repair needs Total params to confirm it, not a doubt: confirmed, a confident count is repaired
// too. Unconfirmed, a count one character from what its layer gives is unknown, doubtful or not;
// a confident count that no one-character misreading reconciles is a mismatch.
func TestPictureRepairNeedsTotal(t *testing.T) {
	// a recogniser can be sure of a misread digit: a confident count that the layer and the
	// totals both reconcile is repaired too, with its note
	s := explainText(t, hiddenKernel)
	if rr := rowNamed(t, s, "conv2d"); rr.Status != layers.OK || *rr.Row.Params != 320 {
		t.Errorf("confident 820, confirmed: %s %d, want ok 320", rr.Status, *rr.Row.Params)
	}
	other := strings.Replace(hiddenKernel, "216,650", "216,950", 2)
	// confident and unconfirmed, but one character from a count its layer gives: a recogniser
	// can be sure of a misread digit, so it is not judged
	s = explainText(t, other)
	if st := rowNamed(t, s, "conv2d").Status; st != layers.Unknown {
		t.Errorf("confident 820, unconfirmed: %s, want unknown", st)
	}
	// two characters from any count its layer gives: the mismatch stands
	far := strings.Replace(other, "216330", "216500", 1)
	s = explainText(t, far)
	if st := rowNamed(t, s, "dense").Status; st != layers.Mismatch {
		t.Errorf("confident 216500: %s, want mismatch", st)
	}
	// doubtful and unconfirmed: unknown, never a mismatch
	s = explainText(t, other, doubtOn(other, 5, "820"))
	rr := rowNamed(t, s, "conv2d")
	if rr.Status != layers.Unknown || *rr.Row.Params != 820 {
		t.Errorf("unconfirmed: %s %d, want unknown 820", rr.Status, *rr.Row.Params)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms over a doubtful count: %q", a)
	}
}

// A shape's axis read one character off (an added digit) is not a mismatch on a picture: the row
// is consistent once the axis is read one character differently, and the row says so.
func TestPictureShapeMisread(t *testing.T) {
	text := strings.Replace(hiddenKernel, "(None, 21632)", "(None, 216832)", 1)
	s := explainText(t, text)
	rr := rowNamed(t, s, "flatten")
	if rr.Status != layers.Unknown || !strings.Contains(rr.Derivation.String(), "216832 in the shape (21632, one character away") {
		t.Errorf("flatten read 216832: %s %q, want unknown with the misreading", rr.Status, rr.Derivation.String())
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms over a misread axis: %q", a)
	}
	// in text, the same table is flagged
	res := explain.Explain(grammar.Parse(text))
	if st := rowNamed(t, res.Summaries[0], "flatten").Status; st != layers.Mismatch {
		t.Errorf("flatten in text: %s, want mismatch", st)
	}
}

// A row that the repair finds right as read (its count is its layer's; a shape beside it
// disagrees) says that it is the shape that may be misread, not "read 0, the arithmetic gives 0".
func TestPictureRepairShapeNotCount(t *testing.T) {
	text := strings.Replace(strings.Replace(hiddenKernel, "820", "320", 1), "(None, 21632)", "(None, 99999)", 1)
	s := explainText(t, text)
	var msgs []string
	for _, f := range s.Flags {
		if f.Layer == "flatten" {
			msgs = append(msgs, f.Message)
		}
	}
	joined := strings.Join(msgs, " | ")
	if strings.Contains(joined, "read 0, the arithmetic gives 0") {
		t.Errorf("a count repaired to itself: %q", joined)
	}
	if !strings.Contains(joined, "a shape read beside it disagrees") {
		t.Errorf("no word of the shape: %q", joined)
	}
}

// A count the recogniser could not read at all, on a row whose shapes give it (an InputLayer's 0),
// does not stop Total params from confirming the repair of another row: a weightless Dropout
// whose 0 was read as 8 is repaired, with its note.
// pictureBox is a Keras 3 box as a recogniser may read it: the InputLayer's 0 read as "i)", the
// Dropout's 0 as 8.
const pictureBox = `Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ input_layer (InputLayer)        │ (None, 28, 28, 1)      │            i) │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 21632)          │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 21632)          │             8 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 10)             │       216,330 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 216,650 (846.29 KB)
 Trainable params: 216,650 (846.29 KB)
 Non-trainable params: 0 (0.00 B)
`

func TestPictureRepairAcrossUnreadCount(t *testing.T) {
	text := pictureBox
	s := explainText(t, text, doubtOn(text, 5, "i)"))
	rr := rowNamed(t, s, "dropout")
	if rr.Status != layers.OK || rr.Row.Params == nil || *rr.Row.Params != 0 {
		t.Fatalf("dropout: %s %v, want ok 0", rr.Status, rr.Row.Params)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, "read 8, the arithmetic gives 0")
	}
	if !found {
		t.Errorf("no note of the repair: %+v", s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
}

// A count cell the recogniser read as no number ("he"), on a row whose shapes give its count, is
// read again as that count when it is one or two characters long and the totals confirm it; a
// longer count is never filled in, and without the totals' word nothing is.
func TestPictureUnreadCountFilledByTotals(t *testing.T) {
	text := strings.Replace(strings.Replace(pictureBox, "│            i) │", "│             0 │", 1),
		"│             8 │", "│            he │", 1)
	s := explainText(t, text, doubtOn(text, 11, "he"))
	rr := rowNamed(t, s, "dropout")
	if rr.Row.Params == nil || *rr.Row.Params != 0 || rr.Status != layers.OK {
		t.Fatalf("dropout: %s %v, want ok 0", rr.Status, rr.Row.Params)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, `the count could not be read ("he")`)
	}
	if !found {
		t.Errorf("no note of the reading: %+v", s.Flags)
	}
	// the totals do not confirm it: the count stays unread (Total params with the size it has)
	other := strings.Replace(strings.Replace(text, "216,650", "216,750", 3), "846.29 KB", "846.68 KB", 2)
	s = explainText(t, other, doubtOn(other, 11, "he"))
	if rr := rowNamed(t, s, "dropout"); rr.Row.Params != nil {
		t.Errorf("unconfirmed: dropout reads %d, want no count", *rr.Row.Params)
	}
	// a count of more than two characters is never filled in
	long := strings.Replace(text, "│       216,330 │", "│         he he │", 1)
	s = explainText(t, long, doubtOn(long, 13, "he he"))
	if rr := rowNamed(t, s, "dense"); rr.Row.Params != nil {
		t.Errorf("dense reads %d, want no count", *rr.Row.Params)
	}
}

// A nested model whose last row's "└" was read as a letter: that row reads as a row of the outer
// model, the rows still add up to Total params with the nested model's count one character off
// the sum of the rows left under it, and the count read is right. A nested model's count is never
// repaired by the sum of its rows (which rows those are shows only in marks OCR may lose), and,
// off that sum, it is no mismatch either.
const nestedMarkLost = `Model: "outer"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ inputs (InputLayer)             │ (None, 32)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ trunk (Functional)              │ (None, 1)              │         2,377 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    └ trunk_in (InputLayer)      │ (None, 32)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    └ hidden (Dense)             │ (None, 64)             │         2,112 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    └ narrow (Dense)             │ (None, 4)              │           260 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│    L score (Dense)              │ (None, 1)              │             5 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ head (Dense)                    │ (None, 3)              │             6 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 2,383 (9.31 KB)
 Trainable params: 2,383 (9.31 KB)
 Non-trainable params: 0 (0.00 B)
`

func TestPictureNestedCountNotRepairedBySum(t *testing.T) {
	s := explainText(t, nestedMarkLost)
	rr := rowNamed(t, s, "trunk")
	if rr.Row.Params == nil || *rr.Row.Params != 2377 {
		t.Errorf("trunk: count %s, want 2377 as read", rr.Row.ParamsText)
	}
	if rr.Status == layers.Mismatch {
		t.Errorf("trunk: a mismatch over the nesting OCR may have misread")
	}
	for _, f := range s.Flags {
		if strings.Contains(f.Message, "the arithmetic gives 2,372") {
			t.Errorf("repaired by the sum of the rows under it: %s", f.Message)
		}
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
}

// A Trainable line misread beside its size: the size gives what Total params leaves for it, the
// count read does not; it is read again, with a note, and raises nothing. Read with the size its
// count has, the same line is a finding as in text.
func TestPictureTrainableBySize(t *testing.T) {
	text := strings.Replace(pictureBox, "│            i) │", "│             0 │", 1)
	text = strings.Replace(text, "│             8 │", "│             0 │", 1)
	misread := strings.Replace(text, " Trainable params: 216,650", " Trainable params: 216,850", 1)
	s := explainText(t, misread)
	if tr := s.Table.Totals.Trainable; tr == nil || *tr != 216650 {
		t.Errorf("Trainable read again: %v, want 216650", tr)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, "Trainable params read 216,850; its size and Total params give 216,650")
	}
	if !found {
		t.Errorf("no note: %+v", s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
	edited := strings.Replace(misread, "216,850 (846.29 KB)", "216,850 (847.07 KB)", 1)
	s = explainText(t, edited)
	if tr := s.Table.Totals.Trainable; tr == nil || *tr != 216850 {
		t.Errorf("a Trainable line whose size agrees with it read again: %v", tr)
	}
}

// Total params misread beside its size, with a count misread too: the size gives the sum of the
// rows read again by the arithmetic, which the count read does not; both are used, with notes.
func TestPictureTotalBySize(t *testing.T) {
	text := strings.Replace(pictureBox, "│            i) │", "│             0 │", 1)
	misread := strings.Replace(text, " Total params: 216,650", " Total params: 216,950", 1)
	s := explainText(t, misread)
	rr := rowNamed(t, s, "dropout")
	if rr.Row.Params == nil || *rr.Row.Params != 0 || rr.Status != layers.OK {
		t.Errorf("dropout: %s %s, want ok 0", rr.Status, rr.Row.ParamsText)
	}
	if tot := s.Table.Totals.Total; tot == nil || *tot != 216650 {
		t.Errorf("Total read again: %v, want 216650", tot)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, "Total params read 216,950; its size 846.29 KB and the rows")
	}
	if !found {
		t.Errorf("no note: %+v", s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
	// its unit misread too ("KD" of "KB"): the number of the size confirms it
	unit := strings.Replace(misread, "216,950 (846.29 KB)", "216,950 (846.29 KD)", 1)
	if tot := explainText(t, unit).Table.Totals.Total; tot == nil || *tot != 216650 {
		t.Errorf("Total beside a size with its unit misread: %v, want 216650", tot)
	}
	// the size agrees with the count read: no repair is confirmed
	other := strings.Replace(misread, "216,950 (846.29 KB)", "216,950 (847.46 KB)", 1)
	s = explainText(t, other)
	if tot := s.Table.Totals.Total; tot == nil || *tot != 216950 {
		t.Errorf("Total whose size agrees read again: %v", tot)
	}
}

// Both read again: Total params and Trainable params misread alike beside their sizes, and a
// count; each says so.
func TestPictureTotalAndTrainableBySize(t *testing.T) {
	text := strings.Replace(pictureBox, "│            i) │", "│             0 │", 1)
	text = strings.Replace(text, " Total params: 216,650", " Total params: 216,950", 1)
	text = strings.Replace(text, " Trainable params: 216,650", " Trainable params: 216,850", 1)
	s := explainText(t, text)
	var notes int
	for _, f := range s.Flags {
		if strings.Contains(f.Message, "params read 216,") {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("%d notes of total lines read again, want 2: %+v", notes, s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
}

// Total params misread beside its size, and the one count the arithmetic leaves open (the input is
// not shown) misread too: of the counts the size allows near the Total read, the one that a single
// row read again by its layer makes the rows add up to is used, with both notes. Where the size
// agrees with the Total read, nothing is read again.
const hiddenInputBox = `Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           820 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 21632)          │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 10)             │       216,330 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 216,150 (846.29 KB)
 Trainable params: 216,650 (846.29 KB)
 Non-trainable params: 0 (0.00 B)
`

func TestPictureTotalBySizeHiddenInput(t *testing.T) {
	s := explainText(t, hiddenInputBox)
	rr := rowNamed(t, s, "conv2d")
	if rr.Row.Params == nil || *rr.Row.Params != 320 {
		t.Errorf("conv2d: %s, want 320", rr.Row.ParamsText)
	}
	if tot := s.Table.Totals.Total; tot == nil || *tot != 216650 {
		t.Errorf("Total: %v, want 216650", tot)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
	agreed := strings.Replace(hiddenInputBox, "216,150 (846.29 KB)", "216,150 (844.34 KB)", 1)
	s = explainText(t, agreed)
	if rr := rowNamed(t, s, "conv2d"); rr.Row.Params == nil || *rr.Row.Params != 820 {
		t.Errorf("conv2d read again where the Total agrees with its size: %s", rr.Row.ParamsText)
	}
}

// Two Dense rows of one shape misread alike ("242" of 272, twice): no one row's repair makes the
// rows add up, both together do, each by its own layer's arithmetic. Our own table.
const twoMisreadAlike = `Model: "pair"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ left (InputLayer)   │ (None, 16)        │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ right (InputLayer)  │ (None, 16)        │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ fc_a (Dense)        │ (None, 16)        │        242 │ left[0][0]        │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ fc_b (Dense)        │ (None, 16)        │        242 │ right[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ sum (Add)           │ (None, 16)        │          0 │ fc_a[0][0],       │
│                     │                   │            │ fc_b[0][0]        │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ out (Dense)         │ (None, 2)         │         34 │ sum[0][0]         │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 578 (2.26 KB)
 Trainable params: 578 (2.26 KB)
 Non-trainable params: 0 (0.00 B)
`

func TestPictureRepairJointlyMisreadAlike(t *testing.T) {
	s := explainText(t, twoMisreadAlike)
	for _, name := range []string{"fc_a", "fc_b"} {
		if rr := rowNamed(t, s, name); rr.Status != layers.OK || *rr.Row.Params != 272 {
			t.Errorf("%s: %s %d, want ok 272", name, rr.Status, *rr.Row.Params)
		}
	}
	notes := 0
	for _, f := range s.Flags {
		if strings.Contains(f.Message, "read 242, the arithmetic gives 272") {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("%d notes of the repair, want 2: %+v", notes, s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
	// the totals not confirming the pair (one row's repair is not enough either): nothing is
	// repaired, and a count OCR may have misread is not a mismatch
	other := strings.Replace(twoMisreadAlike, "578 (2.26 KB)", "600 (2.34 KB)", 2)
	s = explainText(t, other)
	for _, name := range []string{"fc_a", "fc_b"} {
		if rr := rowNamed(t, s, name); *rr.Row.Params != 242 || rr.Status == layers.OK {
			t.Errorf("unconfirmed %s: %s %d, want 242 not ok", name, rr.Status, *rr.Row.Params)
		}
	}
}

// A count that a part of its layer the print does not show lets be anything (an Embedding's
// vocabulary) read with a digit lost: the row agrees with itself either way, and the totals
// alone tell. Our own table.
const freeCountDigitLost = `_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
tokens (Embedding)           (None, 50, 16)            4000
_________________________________________________________________
gap (GlobalAveragePooling1D) (None, 16)                0
_________________________________________________________________
head (Dense)                 (None, 4)                 68
=================================================================
Total params: 40,068
Trainable params: 40,068
Non-trainable params: 0
_________________________________________________________________
`

func TestPictureRepairFreeCountByTotal(t *testing.T) {
	s := explainText(t, freeCountDigitLost)
	rr := rowNamed(t, s, "tokens")
	if rr.Status != layers.OK || *rr.Row.Params != 40000 {
		t.Fatalf("tokens: %s %d, want ok 40000", rr.Status, *rr.Row.Params)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, "read 4000, which its layer could give too")
	}
	if !found {
		t.Errorf("no note of the repair: %+v", s.Flags)
	}
	if a := alarms(s); len(a) != 0 {
		t.Errorf("alarms: %q", a)
	}
	// more than one digit from what the totals need: nothing is read again
	far := strings.Replace(freeCountDigitLost, "40,068", "90,068", 2)
	if rr := rowNamed(t, explainText(t, far), "tokens"); *rr.Row.Params != 4000 {
		t.Errorf("unconfirmed tokens: %d, want 4000 as read", *rr.Row.Params)
	}
}

// A name printed twice in a picture is a note, not an alarm: the recogniser (or the repair of a
// name by its neighbours) can make "conv2d_1" read "conv2d_2", and a picture's alarm needs a
// number read with confidence that no repair reconciles. The same table as text is an alarm.
func TestPictureDuplicateNameIsNote(t *testing.T) {
	text := strings.Replace(strings.Replace(wrongCount, "172160", "163968", 1), "dropout_1 (Dropout)", "flatten_1 (Dropout)", 1)
	doc := grammar.Parse(text)
	if a := alarms(explain.Explain(doc).Summaries[0]); len(a) != 1 || !strings.Contains(a[0], "printed twice") {
		t.Fatalf("as text: alarms %q, want the name printed twice", a)
	}
	s := explainText(t, text)
	if a := alarms(s); len(a) != 0 {
		t.Errorf("from a picture: alarms %q, want none", a)
	}
	found := false
	for _, f := range s.Flags {
		found = found || strings.Contains(f.Message, "printed twice") && strings.Contains(f.Message, "read from a picture")
	}
	if !found {
		t.Errorf("the name printed twice is not kept as a note: %+v", s.Flags)
	}
}

// A first row whose input the print does not show: its count fits whatever it is.
const freeInputCount = `_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
head (Dense)                 (None, 1)                 13
=================================================================
`

// A count the recogniser was unsure of, that its layer fits only by choosing what the print does
// not show (here the input), is not ticked: a digit lost ("13" of 513) would fit as well. The
// totals, where they add up, confirm it; a count read with confidence stands.
func TestPictureDoubtfulFreeCountIsUnknown(t *testing.T) {
	rr := rowNamed(t, explainText(t, freeInputCount, doubtOn(freeInputCount, 4, "13")), "head")
	if rr.Status != layers.Unknown || !strings.Contains(rr.Derivation.String(), `the count "13" may be misread`) {
		t.Errorf("doubtful free count: %s %q, want unknown with the reason", rr.Status, rr.Derivation.String())
	}
	if rr := rowNamed(t, explainText(t, freeInputCount), "head"); rr.Status != layers.OK {
		t.Errorf("confident free count: %s, want ok", rr.Status)
	}
	totalled := freeInputCount + "Total params: 13\nTrainable params: 13\nNon-trainable params: 0\n"
	if rr := rowNamed(t, explainText(t, totalled, doubtOn(totalled, 4, "13")), "head"); rr.Status != layers.OK {
		t.Errorf("doubtful free count the totals confirm: %s, want ok", rr.Status)
	}
}
